using System.Text;
using System.Xml;
using Amparo.Core;
using Amparo.Importers.Xml;

namespace Amparo.Importers.Pan2012;

/// <summary>One conversation at a time from a PAN-2012 file.</summary>
internal interface IPanParser : IDisposable
{
    /// <summary>The next conversation, or null at the end. Throws <see cref="XmlException"/> on malformed input.</summary>
    Conversation? Next(CancellationToken cancellationToken);

    /// <summary>Best-known current line, for diagnostics.</summary>
    long? Line { get; }
}

/// <summary>
/// The reference parser: <see cref="XmlReader"/> with DTDs prohibited, reading one <c>&lt;conversation&gt;</c>
/// at a time. Any encoding XmlReader understands. Unknown elements are skipped.
/// </summary>
internal sealed class PanXmlReaderParser : IPanParser
{
    private readonly XmlReader _reader;
    private readonly PanConversationBuilder _builder;
    private readonly char[] _chunk = new char[8192];
    private readonly StringBuilder _text = new();
    private bool _started;
    private bool _done;

    public PanXmlReaderParser(Stream stream, string fileName, int maxTextLength)
    {
        _reader = SafeXml.Create(stream, ignoreWhitespace: false);
        _builder = new PanConversationBuilder(fileName, maxTextLength);
    }

    public long? Line => SafeXml.LineOf(_reader);

    public Conversation? Next(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return null;
        }

        var r = _reader;
        if (!_started)
        {
            _started = true;
            r.MoveToContent();
            if (r.NodeType != XmlNodeType.Element || !string.Equals(r.LocalName, "conversations", StringComparison.Ordinal))
            {
                throw new XmlException($"the root element is <{r.LocalName}>, not <conversations>", null, (int)(Line ?? 0), 0);
            }

            if (r.IsEmptyElement)
            {
                _done = true;
                return null;
            }
        }

        bool advance = true;
        while (!advance || r.Read())
        {
            advance = true;
            cancellationToken.ThrowIfCancellationRequested();
            if (r.NodeType == XmlNodeType.EndElement && r.Depth == 0)
            {
                _done = true;
                while (r.Read())
                {
                    // Reading to the end surfaces trailing garbage as an XmlException.
                }

                return null;
            }

            if (r.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (!string.Equals(r.LocalName, "conversation", StringComparison.Ordinal) || r.Depth != 1)
            {
                r.Skip();
                advance = false;
                continue;
            }

            _builder.Start(r.GetAttribute("id"), Line);
            if (!r.IsEmptyElement)
            {
                ReadMessages(cancellationToken);
            }

            return _builder.Build();
        }

        _done = true;
        return null;
    }

    private void ReadMessages(CancellationToken cancellationToken)
    {
        var r = _reader;
        bool advance = true;
        while (!advance || r.Read())
        {
            advance = true;
            if (r.NodeType == XmlNodeType.EndElement)
            {
                return;
            }

            if (r.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (!string.Equals(r.LocalName, "message", StringComparison.Ordinal))
            {
                r.Skip();
                advance = false;
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            long? line = Line;
            string? lineAttr = r.GetAttribute("line");
            string author = "";
            string? time = null;
            string text = "";
            bool truncated = false;
            if (!r.IsEmptyElement)
            {
                bool next = true;
                while ((!next || r.Read()) && r.NodeType != XmlNodeType.EndElement)
                {
                    next = true;
                    if (r.NodeType != XmlNodeType.Element)
                    {
                        continue;
                    }

                    switch (r.LocalName)
                    {
                        case "author":
                            author = ReadContent(out _);
                            break;
                        case "time":
                            time = ReadContent(out _);
                            break;
                        case "text":
                            text = ReadContent(out truncated);
                            break;
                        default:
                            r.Skip();
                            next = false;
                            break;
                    }
                }
            }

            _builder.Add(lineAttr, author, time, text, truncated, line);
        }
    }

    // Reads an element's text (text, CDATA and whitespace nodes) up to the cap, leaving the reader on its end tag.
    private string ReadContent(out bool truncated)
    {
        var r = _reader;
        truncated = false;
        if (r.IsEmptyElement)
        {
            return "";
        }

        int cap = _builder.MaxTextLength;
        _text.Clear();
        bool advance = true;
        while (!advance || r.Read())
        {
            advance = true;
            switch (r.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    int n;
                    while ((n = r.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0)
                    {
                        int room = cap - _text.Length;
                        if (n > room)
                        {
                            truncated = true;
                            n = Math.Max(0, room);
                        }

                        _text.Append(_chunk, 0, n);
                    }

                    break;
                case XmlNodeType.EndElement:
                    return _text.ToString();
                case XmlNodeType.Element:
                    r.Skip();
                    advance = false;
                    break;
                default:
                    break;
            }
        }

        return _text.ToString();
    }

    public void Dispose() => _reader.Dispose();
}
