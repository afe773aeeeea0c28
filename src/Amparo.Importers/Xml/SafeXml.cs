using System.Text;
using System.Xml;
using Amparo.Core;

namespace Amparo.Importers.Xml;

/// <summary>
/// The one way importers read XML: DTDs are prohibited and nothing is ever resolved, so a document with a
/// <c>&lt;!DOCTYPE&gt;</c> (billion laughs, external entities) is refused before any entity is expanded.
/// </summary>
public static class SafeXml
{
    /// <summary>Settings every XML importer uses.</summary>
    public static XmlReaderSettings Settings(bool closeInput = true, bool ignoreWhitespace = true) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = ignoreWhitespace,
        CloseInput = closeInput,
        Async = false,
    };

    /// <summary>Creates a safe reader over a byte stream (the encoding comes from the BOM or the XML declaration).</summary>
    public static XmlReader Create(Stream stream, bool ignoreWhitespace = true) => XmlReader.Create(stream, Settings(ignoreWhitespace: ignoreWhitespace));

    /// <summary>Creates a safe reader over already-decoded text.</summary>
    public static XmlReader Create(TextReader reader) => XmlReader.Create(reader, Settings());

    /// <summary>The 1-based line the reader is on, when it knows.</summary>
    public static long? LineOf(XmlReader reader) =>
        reader is IXmlLineInfo info && info.HasLineInfo() && info.LineNumber > 0 ? info.LineNumber : null;

    /// <summary>
    /// Turns a parse failure into a diagnostic that names the file and line and says plainly what happened:
    /// a refused DTD, a file that ends early, or malformed XML.
    /// </summary>
    public static ImportDiagnostic Describe(Exception exception, string fileName, long? fallbackLine, int conversationsRead)
    {
        ArgumentNullException.ThrowIfNull(exception);
        long? line = exception is XmlException { LineNumber: > 0 } x ? x.LineNumber : fallbackLine;
        string kept = conversationsRead switch
        {
            0 => "nothing before it could be imported",
            1 => "the 1 conversation read before it is kept",
            _ => $"the {conversationsRead} conversations read before it are kept",
        };
        string message = exception switch
        {
            XmlException e when IsDtd(e) =>
                "the file declares a DTD (<!DOCTYPE>); Amparo refuses DTDs and entity declarations and never resolves them, so the file was not read",
            XmlException e when IsEndOfFile(e) => $"the file ends in the middle of the XML (it looks truncated); {kept}",
            XmlException e => $"the XML is malformed ({StripPosition(e.Message)}); {kept}",
            DecoderFallbackException => $"the file is not valid text in its declared encoding (UTF-8 unless the XML declaration says otherwise); {kept}",
            _ => $"the file could not be read ({exception.Message}); {kept}",
        };
        return new ImportDiagnostic(DiagnosticSeverity.Error, fileName, line, message);
    }

    /// <summary>
    /// XmlReader's refusal of a DTD carries no line; this finds the line of the <c>&lt;!DOCTYPE</c> in the
    /// file's head so the diagnostic can still name it.
    /// </summary>
    public static long? FindDoctypeLine(ImportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            using var stream = input.Open();
            var head = new byte[ImportInput.SniffLength];
            int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            string text = Text.TextDecoding.DecodeHead(head.AsSpan(0, n));
            int at = text.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
            return at < 0 ? null : 1 + text.AsSpan(0, at).Count('\n');
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Fills in the line of a DTD refusal when the parser did not give one.</summary>
    public static ImportDiagnostic WithDoctypeLine(ImportDiagnostic diagnostic, Exception exception, ImportInput input)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        return diagnostic.Line is null && exception is XmlException x && IsDtd(x) && FindDoctypeLine(input) is { } line
            ? diagnostic with { Line = line }
            : diagnostic;
    }

    /// <summary>True when the failure is the refusal of a DTD.</summary>
    public static bool IsDtd(XmlException exception) =>
        exception?.Message.Contains("DTD", StringComparison.Ordinal) == true
        || exception?.Message.Contains("DOCTYPE", StringComparison.Ordinal) == true;

    private static bool IsEndOfFile(XmlException exception) =>
        exception.Message.Contains("Unexpected end of file", StringComparison.Ordinal)
        || exception.Message.Contains("not closed", StringComparison.Ordinal)
        || exception.Message.Contains("Root element is missing", StringComparison.Ordinal);

    private static string StripPosition(string message)
    {
        int i = message.IndexOf(" Line ", StringComparison.Ordinal);
        return (i > 0 ? message[..i] : message).TrimEnd('.', ' ');
    }
}
