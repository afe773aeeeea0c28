#!/usr/bin/env python3
"""Regenerates the sample cases (case-en.json, case-es.json) from ../whatsapp-en.txt and ../whatsapp-es.txt.

The analysis in them is hand-labelled (it is a fixture for the report renderers, not model output); the
evidence hashes are computed from the files, and the custody log is a hash chain built here. Run from anywhere:
    python3 samples/report-case/generate.py
"""
import datetime, hashlib, json, os, re, struct, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.dirname(HERE)


def png(w, h, path):
    # A plain generated placeholder image: grey background and a darker band (no people, no text).
    rows = b''
    for y in range(h):
        v = 90 if 20 <= y < 40 else 200
        rows += b'\x00' + bytes([v, v, min(255, v + 20)]) * w
    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    data = (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(rows, 9)) + chunk(b'IEND', b''))
    with open(path, 'wb') as f:
        f.write(data)


def hashes(path):
    with open(path, 'rb') as f:
        b = f.read()
    return hashlib.sha256(b).hexdigest(), hashlib.md5(b).hexdigest(), len(b)


def custody(actor, items, start):
    prev, out, t = '0' * 64, [], start
    acts = [('case-created', None)] + [('item-added', i) for i in items] + [('report-prepared', None)]
    for n, (action, item) in enumerate(acts, 1):
        h = hashlib.sha256(f"{n}|{t.isoformat()}|{actor}|{action}|{item or ''}|{prev}".encode()).hexdigest()
        out.append({"sequence": n, "time": t.isoformat(), "actor": actor,
                    "action": action if not item else f"{action} sha256:{item[:16]}", "entryHash": h})
        prev, t = h, t + datetime.timedelta(minutes=3)
    return out


def build(lang, src, case_id, pattern, parse_time, suspect, child, ident, hits, risks, reporter, first_alert, level, risk, stages, source):
    with open(os.path.join(SAMPLES, src), encoding='utf-8') as f:
        lines = f.read().splitlines()
    msgs = []
    for line in lines:
        m = re.match(pattern, line)
        if not m:
            raise SystemExit('unexpected line: ' + line)
        when, rest = m.group(1), m.group(2)
        if ': ' not in rest:
            continue  # the app's own encryption notice
        author, text = rest.split(': ', 1)
        msg = {"author": author.lower(), "time": parse_time(when), "text": text}
        if text.startswith('<'):
            msg["kind"] = "media"
            msg["attachments"] = [{"fileName": text, "omitted": True}]
        msgs.append(msg)
    sha, md5, size = hashes(os.path.join(SAMPLES, src))
    psha, pmd5, psize = hashes(os.path.join(HERE, 'profile-screenshot.png'))
    items = [
        {"name": src, "path": "../" + src, "sha256": sha, "md5": md5, "size": size, "mediaType": "text/plain", "kind": "original",
         "capturedBy": reporter['name'], "capturedAt": "2025-02-07T09:12:00+00:00", "device": "Family laptop", "app": "WhatsApp export"},
        {"name": "profile-screenshot.png", "path": "profile-screenshot.png", "sha256": psha, "md5": pmd5, "size": psize, "mediaType": "image/png",
         "kind": "original", "isImage": True, "capturedBy": reporter['name'], "capturedAt": "2025-02-07T09:15:00+00:00",
         "device": "Family laptop", "app": "Screenshot"}]
    for m, i, e in hits:
        assert e.lower() in msgs[m]['text'].lower(), (m, e, msgs[m]['text'])
    assert len(risks) == len(msgs), (len(risks), len(msgs))
    return {
        "format": "amparo-case/1",
        "caseId": case_id, "language": lang, "reporter": reporter, "platform": "WhatsApp", "analysisSource": source,
        "conversation": {"id": case_id.lower(), "source": "WhatsApp", "sourceFile": src,
                         "participants": [{"id": suspect.lower(), "displayName": suspect, "isExporter": False},
                                          {"id": child.lower(), "displayName": child, "isExporter": True}],
                         "messages": msgs},
        "analysis": {"risk": risk, "alert": True, "level": level, "suspect": suspect.lower(), "firstAlert": first_alert,
                     "indicators": [{"id": i, "message": m, "evidence": e} for (m, i, e) in hits], "timeline": risks, "stages": stages},
        "evidence": {"caseId": case_id, "custodyVerified": None, "suspectIdentifiers": ident, "items": items,
                     "custody": custody(reporter['name'], [sha, psha], datetime.datetime(2025, 2, 7, 9, 10, tzinfo=datetime.timezone.utc))},
    }


def t_en(s):
    return datetime.datetime.strptime(s, '%d/%m/%Y, %H:%M').strftime('%Y-%m-%dT%H:%M:%S')


def t_es(s):
    s = s.replace('p. m.', 'PM').replace('a. m.', 'AM')
    return datetime.datetime.strptime(s, '%d/%m/%y, %I:%M %p').strftime('%Y-%m-%dT%H:%M:%S')


png(240, 60, os.path.join(HERE, 'profile-screenshot.png'))

en_hits = [(0, 'personal-info', 'u play for riverside'), (2, 'personal-info', 'how old r u'), (4, 'personal-info', 'what school do u go to'),
           (5, 'child-disclosure-school', 'Riverside Middle'), (6, 'trust-flattery', 'mature for ur age'), (8, 'alone-check', 'are you alone right now'),
           (8, 'alone-check', 'when do your parents get home'), (10, 'secrecy', 'dont tell anyone'), (10, 'secrecy', 'its our secret'),
           (11, 'isolation', 'your parents wouldnt understand'), (13, 'platform-move', 'lets move to snapchat'), (14, 'gifts', 'gift card'),
           (16, 'image-request', 'send me a pic'), (17, 'secrecy', 'delete this chat'), (18, 'child-sent-image', '<Media omitted>'),
           (19, 'sextortion', 'or i will share the one you sent'), (21, 'threat', 'if you tell anyone i will post it')]
en_risk = [0.05, 0.05, 0.08, 0.08, 0.12, 0.14, 0.25, 0.25, 0.41, 0.41, 0.63, 0.71, 0.71, 0.78, 0.81, 0.81, 0.88, 0.9, 0.9, 0.97, 0.97, 0.98]
stages_en = [{"stage": "friendship", "firstMessage": 0, "lastMessage": 6, "hits": 5}, {"stage": "risk-assessment", "firstMessage": 8, "lastMessage": 10, "hits": 4},
             {"stage": "exclusivity", "firstMessage": 10, "lastMessage": 17, "hits": 4}, {"stage": "sexual", "firstMessage": 16, "lastMessage": 21, "hits": 4}]
en = build('en', 'whatsapp-en.txt', 'SAMPLE-EN-001', r'^(\d\d/\d\d/\d{4}, \d\d:\d\d) - (.*)$', t_en, 'Jay', 'Sam',
           [{"kind": "username", "value": "jay_eastside_sample (Snapchat)"}, {"kind": "profile-url", "value": "https://example.org/u/jay_eastside_sample"},
            {"kind": "phone", "value": "+1 555 0142"}],
           en_hits, en_risk, {"name": "Alex Smith", "role": "parent (sample case)", "contact": "alex.smith@example.org"}, 10, 'critical', 0.98, stages_en,
           "hand-labelled sample (not model output)")

es_hits = [(0, 'personal-info', 'juegas en el colegio San José'), (2, 'personal-info', 'cuántos años tienes'), (4, 'trust-flattery', 'muy madura para tu edad'),
           (5, 'alone-check', 'estás sola ahora'), (5, 'alone-check', 'a qué hora llegan tus papás'), (7, 'secrecy', 'no le digas a nadie'),
           (7, 'secrecy', 'es nuestro secreto'), (8, 'platform-move', 'hablemos por telegram'), (9, 'gifts', 'regalar una tarjeta'),
           (10, 'image-request', 'mándame una foto tuya'), (11, 'secrecy', 'borra este chat'), (12, 'child-sent-image', '<Multimedia omitido>'),
           (13, 'sextortion', 'mándame otra o se la enseño a todos')]
es_risk = [0.06, 0.06, 0.1, 0.1, 0.22, 0.4, 0.4, 0.62, 0.7, 0.76, 0.86, 0.88, 0.88, 0.97, 0.97]
stages_es = [{"stage": "friendship", "firstMessage": 0, "lastMessage": 4, "hits": 3}, {"stage": "risk-assessment", "firstMessage": 5, "lastMessage": 7, "hits": 4},
             {"stage": "exclusivity", "firstMessage": 7, "lastMessage": 11, "hits": 4}, {"stage": "sexual", "firstMessage": 10, "lastMessage": 13, "hits": 3}]
es = build('es', 'whatsapp-es.txt', 'MUESTRA-ES-001', r'^(\d{1,2}/\d{1,2}/\d\d, \d{1,2}:\d\d [ap]\. m\.) - (.*)$', t_es, 'Nico', 'Vale',
           [{"kind": "username", "value": "nico_torneo_muestra (Telegram)"}, {"kind": "profile-url", "value": "https://example.org/u/nico_torneo_muestra"},
            {"kind": "phone", "value": "+57 300 555 0142"}],
           es_hits, es_risk, {"name": "Mónica Peña", "role": "madre (caso de muestra)", "contact": "monica.pena@example.org"}, 7, 'critical', 0.97, stages_es,
           "muestra etiquetada a mano (no es salida del modelo)")

for name, case in (('case-en.json', en), ('case-es.json', es)):
    with open(os.path.join(HERE, name), 'w', encoding='utf-8', newline='\n') as f:
        json.dump(case, f, ensure_ascii=False, indent=2)
        f.write('\n')
print('ok')
