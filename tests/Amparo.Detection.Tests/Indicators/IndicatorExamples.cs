namespace Amparo.Detection.Tests.Indicators;

/// <summary>One hand-written, mild example sentence and whether the indicator must fire on it.</summary>
public sealed record IndicatorExample(string Id, string Language, string Text, bool Fires, string Kind = "plain");

/// <summary>
/// Synthetic examples for every message-level indicator, in English and Spanish: positives, negated or benign
/// look-alikes, obfuscated spellings and accent variants. Written for these tests; not taken from any corpus.
/// </summary>
public static class IndicatorExamples
{
    public static IReadOnlyList<IndicatorExample> All { get; } =
    [
        // personal-info
        new("personal-info", "en", "hey asl?", true),
        new("personal-info", "en", "so how old r u", true),
        new("personal-info", "en", "what grade are you in this year", true),
        new("personal-info", "en", "How OLD are YOU", true, "case"),
        new("personal-info", "en", "this laptop is old, what are you using", false),
        new("personal-info", "es", "¿cuántos años tienes?", true),
        new("personal-info", "es", "cuantos anos tienes", true, "no-accents"),
        new("personal-info", "es", "¿en qué curso estás?", true),
        new("personal-info", "es", "el curso de guitarra empieza el lunes", false),

        // alone-check
        new("alone-check", "en", "are you home alone right now?", true),
        new("alone-check", "en", "r ur parents home", true, "abbreviation"),
        new("alone-check", "en", "what time does your mom get home", true),
        new("alone-check", "en", "I was alone at the park, it was nice", false),
        new("alone-check", "es", "¿estás sola?", true),
        new("alone-check", "es", "¿a qué hora llegan tus papás?", true),
        new("alone-check", "es", "a que hora llegan tus papas", true, "no-accents"),
        new("alone-check", "es", "mis papás llegaron tarde del cine", false),

        // trust-flattery
        new("trust-flattery", "en", "you're so mature for your age", true),
        new("trust-flattery", "en", "ur not like other girls", true, "abbreviation"),
        new("trust-flattery", "en", "age is just a number", true),
        new("trust-flattery", "en", "the cheese is mature and tasty", false),
        new("trust-flattery", "es", "eres muy madura para tu edad", true),
        new("trust-flattery", "es", "la edad es solo un número", true),
        new("trust-flattery", "es", "la edad es solo un numero", true, "no-accents"),
        new("trust-flattery", "es", "la fruta está madura", false),

        // secrecy
        new("secrecy", "en", "don't tell your mom about us", true),
        new("secrecy", "en", "d0nt t3ll anyone ok", true, "leet"),
        new("secrecy", "en", "it's our little s.e.c.r.e.t", true, "dotted"),
        new("secrecy", "en", "this is our secret", true),
        new("secrecy", "en", "delete this chat after you read it", true),
        new("secrecy", "en", "you shouldn't tell your parents", true, "negation-is-tactic"),
        new("secrecy", "en", "I won't tell anyone, promise", false, "negated"),
        new("secrecy", "en", "you should tell your mom", false, "benign"),
        new("secrecy", "en", "don't tell me you forgot the keys", false, "benign"),
        new("secrecy", "es", "no le digas a nadie", true),
        new("secrecy", "es", "no le digas", true),
        new("secrecy", "es", "es nuestro secreto", true),
        new("secrecy", "es", "no tienes que decirle a tus padres", true, "negation-is-tactic"),
        new("secrecy", "es", "borra el chat", true),
        new("secrecy", "es", "no se lo diré a nadie", false, "negated"),
        new("secrecy", "es", "no se lo dire a nadie", false, "negated-no-accents"),
        new("secrecy", "es", "deberías contarle a tu mamá", false, "benign"),

        // cop-check
        new("cop-check", "en", "are you a cop?", true),
        new("cop-check", "en", "ur not a cop right", true, "abbreviation"),
        new("cop-check", "en", "i dont want to get in trouble", true),
        new("cop-check", "en", "my uncle is a cop in the city", false),
        new("cop-check", "es", "¿eres policía?", true),
        new("cop-check", "es", "eres policia", true, "no-accents"),
        new("cop-check", "es", "esto es una trampa?", true),
        new("cop-check", "es", "mi tío es policía", false),

        // isolation
        new("isolation", "en", "your parents wouldn't understand", true),
        new("isolation", "en", "nobody gets you like me", true),
        new("isolation", "en", "no1 understands you like i do", false, "leet-not-a-word"),
        new("isolation", "en", "my parents understand me pretty well", false),
        new("isolation", "es", "tus padres no lo entenderían", false, "object-pronoun"),
        new("isolation", "es", "tus padres no te entenderían", true),
        new("isolation", "es", "nadie te entiende como yo", true),
        new("isolation", "es", "mis padres me entienden bien", false),

        // platform-move
        new("platform-move", "en", "add me on snap", true, "abbreviation"),
        new("platform-move", "en", "text me at 555-201-3344", true),
        new("platform-move", "en", "lets talk on telegram instead", true),
        new("platform-move", "en", "the snap package failed to install", false),
        new("platform-move", "es", "agrégame a whatsapp", true),
        new("platform-move", "es", "pásame tu número", true),
        new("platform-move", "es", "pasame tu numero", true, "no-accents"),
        new("platform-move", "es", "el número de la casa es grande", false),

        // sexual-talk (mild)
        new("sexual-talk", "en", "you look sexy", true),
        new("sexual-talk", "en", "you look s3xy", true, "leet"),
        new("sexual-talk", "en", "we could make out", true),
        new("sexual-talk", "en", "you look nice today", false),
        new("sexual-talk", "es", "eres muy sexy", true),
        new("sexual-talk", "es", "quiero besarte", true),
        new("sexual-talk", "es", "quiero verte mañana en el parque", false),

        // desensitisation
        new("desensitisation", "en", "it's totally normal at your age", true),
        new("desensitisation", "en", "everybody your age does it", true),
        new("desensitisation", "en", "have you ever been kissed", true),
        new("desensitisation", "en", "it's not normal for the server to crash", false),
        new("desensitisation", "es", "es normal a tu edad", true),
        new("desensitisation", "es", "no tiene nada de malo", true),
        new("desensitisation", "es", "todos lo hacen", true),
        new("desensitisation", "es", "es normal que llueva en abril", false),

        // image-request
        new("image-request", "en", "send me a pic", true),
        new("image-request", "en", "send me a selfie pleeease", true, "elongated"),
        new("image-request", "en", "can i see a pic of you", true),
        new("image-request", "en", "turn on your webcam", true),
        new("image-request", "en", "send me one", true),
        new("image-request", "en", "p.i.c.s? send me p.i.c.s", true, "dotted"),
        new("image-request", "en", "I don't want pics", false, "negated"),
        new("image-request", "en", "do you have a video card", false, "benign"),
        new("image-request", "es", "mándame una foto", true),
        new("image-request", "es", "mandame una fotito", true, "no-accents"),
        new("image-request", "es", "pásame foto", true),
        new("image-request", "es", "prende la cámara", true),
        new("image-request", "es", "no quiero ver fotos", false, "negated"),
        new("image-request", "es", "te mando una foto del perro", false, "benign"),

        // gifts
        new("gifts", "en", "i'll buy you a new phone", true),
        new("gifts", "en", "want some robux?", true),
        new("gifts", "en", "i can get you a gift card", true),
        new("gifts", "en", "I bought a new phone yesterday", false),
        new("gifts", "es", "te compro lo que quieras", true),
        new("gifts", "es", "te regalo robux", true),
        new("gifts", "es", "compré pan para la cena", false),

        // meeting
        new("meeting", "en", "we should meet up this weekend", true),
        new("meeting", "en", "where do you live", true),
        new("meeting", "en", "i'll pick you up after school", true),
        new("meeting", "en", "nice to meet you", false, "benign"),
        new("meeting", "es", "¿quedamos el sábado?", true),
        new("meeting", "es", "¿dónde vives?", true),
        new("meeting", "es", "donde vives", true, "no-accents"),
        new("meeting", "es", "te paso a buscar", true),
        new("meeting", "es", "¿dónde está el baño?", false),

        // threat
        new("threat", "en", "i'll post your pics online", true),
        new("threat", "en", "I know where you live", true),
        new("threat", "en", "i will sh4re your ph0tos", true, "leet"),
        new("threat", "en", "I would never share your photos", false, "negated"),
        new("threat", "en", "I'll share the photos from the trip", false, "benign"),
        new("threat", "es", "voy a publicar tus fotos", true),
        new("threat", "es", "sé dónde vives", true),
        new("threat", "es", "se donde vives", true, "no-accents"),
        new("threat", "es", "no voy a publicar tus fotos", false, "negated"),
        new("threat", "es", "no sé dónde vives", false, "negated"),

        // sextortion
        new("sextortion", "en", "send more or I'll send it to your friends", true),
        new("sextortion", "en", "I have your pics", true),
        new("sextortion", "en", "pay me or everyone sees", true),
        new("sextortion", "en", "should I pay monthly or yearly", false, "benign"),
        new("sextortion", "en", "pay me or i will share them", true),
        new("sextortion", "en", "I don't have your pics anymore", false, "negated"),
        new("sextortion", "en", "more or less", false, "benign"),
        new("sextortion", "es", "si no me mandas más fotos se las paso a tus amigos", true),
        new("sextortion", "es", "tengo tus fotos", true),
        new("sextortion", "es", "no tengo tus fotos", false, "negated"),
        new("sextortion", "es", "tengo fotos del viaje", false, "benign"),

        // child-disclosure-address
        new("child-disclosure-address", "en", "i live on maple street", true),
        new("child-disclosure-address", "en", "my address is the blue house", true),
        new("child-disclosure-address", "en", "i love living here", false),
        new("child-disclosure-address", "es", "vivo en la calle mayor", true),
        new("child-disclosure-address", "es", "mi dirección es", true),
        new("child-disclosure-address", "es", "vivo feliz con mi gato", false),

        // child-disclosure-school
        new("child-disclosure-school", "en", "i go to lincoln middle school", true),
        new("child-disclosure-school", "en", "im in 8th grade", true),
        new("child-disclosure-school", "en", "the school bus was late", false),
        new("child-disclosure-school", "es", "estudio en el colegio san josé", true),
        new("child-disclosure-school", "es", "estoy en octavo grado", true),
        new("child-disclosure-school", "es", "el colegio cierra en verano", false),

        // child-disclosure-phone
        new("child-disclosure-phone", "en", "my number is 555 201 3344", true),
        new("child-disclosure-phone", "en", "its 555-201-3344", true),
        new("child-disclosure-phone", "en", "my ip is 192.168.1.20", false, "benign"),
        new("child-disclosure-phone", "en", "i have 3 cats", false),
        new("child-disclosure-phone", "es", "mi número es 612 345 678", true),
        new("child-disclosure-phone", "es", "mi numero es", true, "no-accents"),
        new("child-disclosure-phone", "es", "el número cinco es mi favorito", false),
    ];
}
