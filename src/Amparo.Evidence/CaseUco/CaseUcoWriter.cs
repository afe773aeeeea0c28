using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Amparo.Core;
using Amparo.Evidence.Custody;

namespace Amparo.Evidence.CaseUco;

/// <summary>What the CASE/UCO description of a bundle is made from.</summary>
public sealed record CaseUcoInput
{
    public required string VaultId { get; init; }

    public required CaseContents Contents { get; init; }

    /// <summary>The items described (in bundle order).</summary>
    public required IReadOnlyList<EvidenceItem> Items { get; init; }

    /// <summary>Path of each item in the bundle, by SHA-256.</summary>
    public required IReadOnlyDictionary<string, string> BundlePaths { get; init; }

    public required IReadOnlyList<CustodyEntry> Log { get; init; }

    /// <summary>Imported conversations (derived items), described message by message.</summary>
    public IReadOnlyList<(EvidenceItem Item, Conversation Conversation)> Conversations { get; init; } = [];
}

/// <summary>
/// Writes a CASE/UCO (JSON-LD) description of a case, shaped like the ontology's own examples: each file a
/// <c>uco-observable:File</c> with <c>FileFacet</c> and <c>ContentDataFacet</c> hashes (never a data payload), each
/// custody log entry a <c>case-investigation:InvestigativeAction</c> whose result is a <c>ProvenanceRecord</c>,
/// imported messages as <c>uco-observable:Message</c> with <c>MessageFacet</c>. Ids are stable (name-based) so the
/// same case always gives the same graph.
/// </summary>
public static class CaseUcoWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(CaseUcoInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            new GraphWriter(w, input).Write();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private sealed class GraphWriter(Utf8JsonWriter w, CaseUcoInput input)
    {
        private readonly List<string> _objects = [];
        private readonly Dictionary<string, string> _people = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _apps = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _provenance = new(StringComparer.Ordinal);
        private string CaseId => input.Contents.Case.Id;

        public void Write()
        {
            w.WriteStartObject();
            w.WriteStartObject("@context");
            w.WriteString("kb", "http://example.org/kb/");
            w.WriteString("case-investigation", "https://ontology.caseontology.org/case/investigation/");
            w.WriteString("uco-action", "https://ontology.unifiedcyberontology.org/uco/action/");
            w.WriteString("uco-core", "https://ontology.unifiedcyberontology.org/uco/core/");
            w.WriteString("uco-identity", "https://ontology.unifiedcyberontology.org/uco/identity/");
            w.WriteString("uco-observable", "https://ontology.unifiedcyberontology.org/uco/observable/");
            w.WriteString("uco-tool", "https://ontology.unifiedcyberontology.org/uco/tool/");
            w.WriteString("uco-types", "https://ontology.unifiedcyberontology.org/uco/types/");
            w.WriteString("xsd", "http://www.w3.org/2001/XMLSchema#");
            w.WriteEndObject();
            w.WriteStartArray("@graph");

            string tool = Id("tool", "amparo");
            Node(tool, "uco-tool:AnalyticTool", () => w.WriteString("uco-core:name", "Amparo"));

            foreach (var item in input.Items)
            {
                WriteFile(item);
            }

            foreach (var item in input.Items.Where(i => i.DerivedFrom is not null && _files.ContainsKey(i.DerivedFrom)))
            {
                Relationship(Id("relationship", "derived", item.Sha256), _files[item.Sha256], _files[item.DerivedFrom!], "Derived_From");
            }

            foreach (var item in input.Items)
            {
                if (item.Capture is { } capture)
                {
                    WriteCapture(item, capture);
                }
            }

            WriteSuspect();
            foreach (var (item, conversation) in input.Conversations)
            {
                WriteConversation(item, conversation);
            }

            foreach (var entry in input.Log)
            {
                WriteAction(entry, tool);
            }

            // The investigation last, so its object list can name everything above.
            string investigation = Id("investigation", CaseId);
            w.WriteStartObject();
            w.WriteString("@id", investigation);
            w.WriteString("@type", "case-investigation:Investigation");
            w.WriteString("uco-core:name", CaseId);
            w.WriteString("uco-core:description", input.Contents.Case.Title);
            DateTime("uco-action:startTime", input.Contents.Case.CreatedAt);
            w.WriteStartArray("case-investigation:focus");
            w.WriteStringValue("Online grooming of a child");
            w.WriteEndArray();
            Refs("uco-core:object", _objects);
            w.WriteEndObject();

            w.WriteEndArray();
            w.WriteEndObject();
        }

        private void WriteFile(EvidenceItem item)
        {
            string id = Id("file", item.Sha256);
            _files[item.Sha256] = id;
            w.WriteStartObject();
            w.WriteString("@id", id);
            w.WriteString("@type", "uco-observable:File");
            w.WriteStartArray("uco-core:hasFacet");
            w.WriteStartObject();
            w.WriteString("@id", Id("file-facet", item.Sha256));
            w.WriteString("@type", "uco-observable:FileFacet");
            w.WriteString("uco-observable:fileName", item.FileName);
            if (input.BundlePaths.TryGetValue(item.Sha256, out string? path))
            {
                w.WriteString("uco-observable:filePath", path);
            }

            string ext = Path.GetExtension(item.FileName).TrimStart('.');
            if (ext.Length > 0)
            {
                w.WriteString("uco-observable:extension", ext);
            }

            w.WriteBoolean("uco-observable:isDirectory", false);
            w.WriteNumber("uco-observable:sizeInBytes", item.Size);
            w.WriteEndObject();
            w.WriteStartObject();
            w.WriteString("@id", Id("content-data-facet", item.Sha256));
            w.WriteString("@type", "uco-observable:ContentDataFacet");
            w.WriteNumber("uco-observable:sizeInBytes", item.Size);
            w.WriteString("uco-observable:mimeType", item.MediaType);
            w.WriteStartArray("uco-observable:hash");
            Hash(item.Sha256, "MD5", item.Md5);
            Hash(item.Sha256, "SHA256", item.Sha256);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();

            string provenance = Id("provenance-record", item.Sha256);
            _provenance[item.Sha256] = provenance;
            Node(provenance, "case-investigation:ProvenanceRecord", () =>
            {
                string what = item.Role == ItemRole.Original ? "original, as received" : $"derived ({item.Kind}) from {item.DerivedFrom}";
                w.WriteString("uco-core:description", $"{item.FileName}: {what}" + (item.ShowAsPlaceholder ? "; not to be displayed (may show a minor)" : ""));
                w.WriteString("case-investigation:exhibitNumber", $"{CaseId}-{item.Id}");
                Refs("uco-core:object", [id]);
            });
        }

        private void Hash(string sha, string method, string value)
        {
            w.WriteStartObject();
            w.WriteString("@id", Id("hash", method, sha));
            w.WriteString("@type", "uco-types:Hash");
            w.WriteString("uco-types:hashMethod", method);
            w.WriteStartObject("uco-types:hashValue");
            w.WriteString("@type", "xsd:hexBinary");
            w.WriteString("@value", value);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        private void WriteCapture(EvidenceItem item, CaptureMetadata capture)
        {
            string? device = null;
            if (capture.Device is { } d)
            {
                device = Id("device", d);
                Node(device, "uco-observable:Device", () => w.WriteString("uco-core:description", d));
            }

            string? app = capture.App is { } a ? App(a) : null;
            string? person = capture.CapturedBy is { } by ? Person(by) : null;
            Node(Id("capture-action", item.Sha256), "case-investigation:InvestigativeAction", () =>
            {
                w.WriteString("uco-core:name", "captured");
                if (capture.Source is { } source)
                {
                    w.WriteString("uco-core:description", source);
                }

                if (capture.CapturedAt is { } at)
                {
                    DateTime("uco-action:startTime", at);
                }

                if (person is not null)
                {
                    Ref("uco-action:performer", person);
                }

                if (app is not null)
                {
                    Ref("uco-action:instrument", app);
                }

                if (device is not null)
                {
                    Ref("uco-action:environment", device);
                }

                Refs("uco-action:result", [_provenance[item.Sha256]]);
            });
        }

        private void WriteSuspect()
        {
            if (input.Contents.Suspect.Count == 0)
            {
                return;
            }

            string subject = Id("subject", CaseId);
            Node(subject, "case-investigation:Subject", () => w.WriteString("uco-core:description", "The person the evidence is about (suspect)"));
            foreach (var s in input.Contents.Suspect)
            {
                string id = Id("suspect-identifier", s.Kind, s.Value);
                if (string.Equals(s.Kind, IdentifierKinds.ProfileUrl, StringComparison.Ordinal))
                {
                    Node(id, "uco-observable:URL", () => Facet(id, "uco-observable:URLFacet", () => w.WriteString("uco-observable:fullValue", s.Value)));
                }
                else if (string.Equals(s.Kind, IdentifierKinds.Phone, StringComparison.Ordinal))
                {
                    Node(id, "uco-observable:PhoneAccount", () => Facet(id, "uco-observable:PhoneAccountFacet", () => w.WriteString("uco-observable:phoneNumber", s.Value)));
                }
                else
                {
                    Node(id, "uco-observable:DigitalAccount", () => Facet(id, "uco-observable:AccountFacet", () => w.WriteString("uco-observable:accountIdentifier", s.Value)));
                }

                Relationship(Id("relationship", "suspect", s.Kind, s.Value), id, subject, "Identifier_Of");
            }
        }

        private void WriteConversation(EvidenceItem item, Conversation conversation)
        {
            string app = App(conversation.Source.ToString());
            var accounts = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in conversation.Participants)
            {
                string id = Id("account", item.Sha256, p.Id);
                accounts[p.Id] = id;
                Node(id, "uco-observable:ApplicationAccount", () =>
                {
                    w.WriteStartArray("uco-core:hasFacet");
                    w.WriteStartObject();
                    w.WriteString("@id", Id("application-account-facet", item.Sha256, p.Id));
                    w.WriteString("@type", "uco-observable:ApplicationAccountFacet");
                    Ref("uco-observable:application", app);
                    w.WriteEndObject();
                    w.WriteStartObject();
                    w.WriteString("@id", Id("account-facet", item.Sha256, p.Id));
                    w.WriteString("@type", "uco-observable:AccountFacet");
                    w.WriteString("uco-observable:accountIdentifier", p.Id);
                    w.WriteEndObject();
                    w.WriteStartObject();
                    w.WriteString("@id", Id("digital-account-facet", item.Sha256, p.Id));
                    w.WriteString("@type", "uco-observable:DigitalAccountFacet");
                    w.WriteString("uco-observable:displayName", p.DisplayName);
                    w.WriteEndObject();
                    w.WriteEndArray();
                });
            }

            var messageIds = new List<string>();
            foreach (var m in conversation.Messages)
            {
                string id = Id("message", item.Sha256, m.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                messageIds.Add(id);
                Node(id, "uco-observable:Message", () => Facet(id, "uco-observable:MessageFacet", () =>
                {
                    Ref("uco-observable:application", app);
                    w.WriteString("uco-observable:messageText", m.Text);
                    if (accounts.TryGetValue(m.AuthorId, out string? from))
                    {
                        Ref("uco-observable:from", from);
                        var to = accounts.Where(a => !string.Equals(a.Key, m.AuthorId, StringComparison.Ordinal)).Select(a => a.Value).ToList();
                        if (to.Count > 0)
                        {
                            Refs("uco-observable:to", to);
                        }
                    }

                    switch (m.Time.Kind)
                    {
                        case MessageTimeKind.Exact:
                            DateTime("uco-observable:sentTime", m.Time.Value);
                            break;
                        case MessageTimeKind.Local:
                            // The export gave no offset; xsd:dateTime without a zone says exactly that.
                            w.WriteStartObject("uco-observable:sentTime");
                            w.WriteString("@type", "xsd:dateTime");
                            w.WriteString("@value", m.Time.ToInterchange());
                            w.WriteEndObject();
                            break;
                        case MessageTimeKind.TimeOfDay:
                        case MessageTimeKind.Unknown:
                            break;
                    }
                }));
                Relationship(Id("relationship", "contained", id), id, _files[item.Sha256], "Contained_Within");
            }

            string thread = Id("thread", item.Sha256);
            Node(thread, "uco-observable:MessageThread", () =>
            {
                if (conversation.Title is { } title)
                {
                    w.WriteString("uco-core:name", title);
                }

                Facet(thread, "uco-observable:MessageThreadFacet", () => Refs("uco-observable:participant", accounts.Values.ToList()));
            });
        }

        private void WriteAction(CustodyEntry entry, string tool)
        {
            string id = Id("custody-action", entry.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.Hash);
            string performer = Person(entry.Actor);
            Node(id, "case-investigation:InvestigativeAction", () =>
            {
                w.WriteString("uco-core:name", entry.Action);
                w.WriteString("uco-core:description", $"custody log entry #{entry.Seq}, sha256 {entry.Hash}, previous {entry.Previous}");
                DateTime("uco-action:startTime", entry.Time);
                Ref("uco-action:performer", performer);
                Ref("uco-action:instrument", tool);
                var objects = entry.Items.Where(_files.ContainsKey).Select(h => _files[h]).ToList();
                if (objects.Count > 0)
                {
                    Refs("uco-action:object", objects);
                }

                if (entry.Action is CustodyActions.ItemAdd or CustodyActions.ItemDerive)
                {
                    var results = entry.Items.Where(_provenance.ContainsKey).Select(h => _provenance[h]).ToList();
                    if (results.Count > 0)
                    {
                        Refs("uco-action:result", results);
                    }
                }
            });
        }

        private string Person(string name)
        {
            if (!_people.TryGetValue(name, out string? id))
            {
                id = Id("person", name);
                _people[name] = id;
                Node(id, "uco-identity:Person", () => w.WriteString("uco-core:name", name));
            }

            return id;
        }

        private string App(string name)
        {
            if (!_apps.TryGetValue(name, out string? id))
            {
                id = Id("application", name);
                _apps[name] = id;
                w.WriteStartObject();
                w.WriteString("@id", id);
                w.WriteStartArray("@type");
                w.WriteStringValue("uco-observable:Application");
                w.WriteStringValue("uco-observable:Software");
                w.WriteEndArray();
                w.WriteStartArray("uco-core:hasFacet");
                w.WriteStartObject();
                w.WriteString("@id", Id("application-facet", name));
                w.WriteString("@type", "uco-observable:ApplicationFacet");
                w.WriteString("uco-core:name", name);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
                _objects.Add(id);
            }

            return id;
        }

        private void Node(string id, string type, Action body)
        {
            w.WriteStartObject();
            w.WriteString("@id", id);
            w.WriteString("@type", type);
            body();
            w.WriteEndObject();
            _objects.Add(id);
        }

        private void Facet(string owner, string type, Action body)
        {
            w.WriteStartArray("uco-core:hasFacet");
            w.WriteStartObject();
            w.WriteString("@id", Id(type[(type.IndexOf(':', StringComparison.Ordinal) + 1)..].ToLowerInvariant(), owner));
            w.WriteString("@type", type);
            body();
            w.WriteEndObject();
            w.WriteEndArray();
        }

        private void Relationship(string id, string source, string target, string kind) =>
            Node(id, "uco-observable:ObservableRelationship", () =>
            {
                Ref("uco-core:source", source);
                Ref("uco-core:target", target);
                w.WriteString("uco-core:kindOfRelationship", kind);
                w.WriteBoolean("uco-core:isDirectional", true);
            });

        private void Ref(string name, string id)
        {
            w.WriteStartObject(name);
            w.WriteString("@id", id);
            w.WriteEndObject();
        }

        private void Refs(string name, IReadOnlyList<string> ids)
        {
            w.WriteStartArray(name);
            foreach (string id in ids)
            {
                w.WriteStartObject();
                w.WriteString("@id", id);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        private void DateTime(string name, DateTimeOffset value)
        {
            w.WriteStartObject(name);
            w.WriteString("@type", "xsd:dateTime");
            w.WriteString("@value", CustodyLine.FormatTime(value));
            w.WriteEndObject();
        }

        /// <summary>A name-based id: the same inputs always give the same <c>kb:</c> IRI.</summary>
        private string Id(string kind, params string[] parts)
        {
            byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(input.VaultId + "\n" + CaseId + "\n" + kind + "\n" + string.Join("\n", parts)));
            hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
            hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
            return $"kb:{kind}-{new Guid(hash.AsSpan(0, 16), bigEndian: true):D}";
        }
    }
}
