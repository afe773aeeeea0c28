using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;
using Amparo.Core;
using Amparo.Importers.Text;
using Amparo.Importers.Xml;

namespace Amparo.Importers.Pan2012;

/// <summary>Which parser reads PAN-2012 XML.</summary>
public enum Pan2012Engine
{
    /// <summary>The fast scanner for UTF-8 files, XmlReader for anything else.</summary>
    Auto,
    /// <summary>Always <see cref="System.Xml.XmlReader"/> (the reference).</summary>
    XmlReader,
    /// <summary>Always the fast scanner (UTF-8 only).</summary>
    Scanner,
}

/// <summary>
/// The PAN-2012 sexual-predator-identification corpus XML:
/// <c>&lt;conversations&gt;&lt;conversation id&gt;&lt;message line&gt;&lt;author/&gt;&lt;time/&gt;&lt;text/&gt;</c>.
/// Streams one conversation at a time (the official files are 100+ MB); times are a time of day only.
/// A DTD is refused; a truncated file yields the conversations before the break and a diagnostic naming the line.
/// </summary>
public sealed class Pan2012Importer(Pan2012Engine engine = Pan2012Engine.Auto) : IChatImporter
{
    public string Format => "pan2012";

    public Pan2012Engine Engine => engine;

    public bool CanRead(ReadOnlySpan<byte> head, string fileName) =>
        string.Equals(TextDecoding.XmlRootName(head), "conversations", StringComparison.Ordinal);

    public async IAsyncEnumerable<ImportItem> ReadAsync(ImportInput input, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        bool scanner = engine switch
        {
            Pan2012Engine.Scanner => true,
            Pan2012Engine.XmlReader => false,
            Pan2012Engine.Auto => await IsUtf8Async(input, cancellationToken).ConfigureAwait(false),
        };

        var stream = ProgressStream.Open(input);
        using IPanParser parser = scanner
            ? new PanScanner(stream, input.FileName, input.Options.MaxLineLength)
            : new PanXmlReaderParser(stream, input.FileName, input.Options.MaxLineLength);
        int count = 0;
        while (true)
        {
            Conversation? conversation;
            ImportDiagnostic? failure = null;
            try
            {
                conversation = parser.Next(cancellationToken);
            }
            catch (Exception ex) when (ex is XmlException or DecoderFallbackException)
            {
                conversation = null;
                failure = SafeXml.WithDoctypeLine(SafeXml.Describe(ex, input.FileName, parser.Line, count), ex, input);
            }

            if (failure is not null)
            {
                yield return ImportItem.Of(failure);
                yield break;
            }

            if (conversation is null)
            {
                break;
            }

            count++;
            yield return ImportItem.Of(conversation);
        }

        if (count == 0)
        {
            yield return ImportItem.Of(new ImportDiagnostic(DiagnosticSeverity.Warning, input.FileName, null, "the corpus file holds no conversations"));
        }
    }

    // The scanner reads UTF-8 only; a BOM for another encoding or a declared non-UTF-8 encoding goes to XmlReader.
    private static async Task<bool> IsUtf8Async(ImportInput input, CancellationToken cancellationToken)
    {
        var head = new byte[512];
        int n;
        var stream = input.Open();
        await using (stream.ConfigureAwait(false))
        {
            n = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }

        var span = head.AsSpan(0, n);
        if (span.StartsWith(new byte[] { 0xFF, 0xFE }) || span.StartsWith(new byte[] { 0xFE, 0xFF }) || (n >= 2 && (span[0] == 0 || span[1] == 0)))
        {
            return false;
        }

        string? declared = TextDecoding.XmlDeclaredEncoding(span);
        return declared is null
            || string.Equals(declared, "utf-8", StringComparison.OrdinalIgnoreCase)
            || string.Equals(declared, "utf8", StringComparison.OrdinalIgnoreCase);
    }
}
