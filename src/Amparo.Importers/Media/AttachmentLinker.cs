using System.Security.Cryptography;
using Amparo.Core;

namespace Amparo.Importers;

/// <summary>
/// Links the attachments an export names to the media files beside it (same zip or folder): adds the SHA-256
/// (computed streaming, never holding the file), size and media type. The content itself is never kept.
/// </summary>
internal sealed class AttachmentLinker
{
    private readonly ImportInput _input;
    private readonly Dictionary<string, Attachment> _cache = new(StringComparer.Ordinal);
    private readonly List<ImportDiagnostic> _problems = [];
    private Dictionary<string, List<string>>? _byBareName;

    public AttachmentLinker(ImportInput input) => _input = input;

    /// <summary>Media files that were named but could not be read.</summary>
    public IReadOnlyList<ImportDiagnostic> Problems => _problems;

    public async ValueTask<Message> LinkAsync(Message message, CancellationToken cancellationToken)
    {
        if (message.Attachments.Count == 0 || _input.Siblings.Count == 0)
        {
            return message;
        }

        var linked = new Attachment[message.Attachments.Count];
        bool changed = false;
        for (int i = 0; i < linked.Length; i++)
        {
            var a = message.Attachments[i];
            linked[i] = a.Omitted || a.Sha256 is not null ? a : await LinkAsync(a, message.Source?.Line, cancellationToken).ConfigureAwait(false);
            changed |= !ReferenceEquals(linked[i], a);
        }

        return changed ? message with { Attachments = linked } : message;
    }

    public async ValueTask<Attachment> LinkAsync(Attachment attachment, long? line, CancellationToken cancellationToken)
    {
        if (Resolve(attachment.FileName) is not { } key)
        {
            return attachment with { MediaType = attachment.MediaType ?? MediaTypes.FromName(attachment.FileName) };
        }

        if (_cache.TryGetValue(key, out var cached))
        {
            return attachment with { Sha256 = cached.Sha256, Size = cached.Size, MediaType = attachment.MediaType ?? cached.MediaType };
        }

        try
        {
            var stream = _input.Siblings[key]();
            await using (stream.ConfigureAwait(false))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                long size = 0;
                int n;
                while ((n = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, n);
                    size += n;
                }

                var result = attachment with
                {
                    Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset()),
                    Size = size,
                    MediaType = attachment.MediaType ?? MediaTypes.FromName(attachment.FileName),
                };
                _cache[key] = result;
                return result;
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or ArchiveLimitException)
        {
            _problems.Add(new ImportDiagnostic(DiagnosticSeverity.Warning, _input.FileName, line,
                $"attached file \"{attachment.FileName}\" could not be read ({ex.Message}); kept without its hash"));
            return attachment;
        }
    }

    /// <summary>Finds the sibling a name refers to: beside this file, as given, or by file name alone.</summary>
    private string? Resolve(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var siblings = _input.Siblings;
        string n = name.Replace('\\', '/').TrimStart('/');
        if (n.StartsWith("./", StringComparison.Ordinal))
        {
            n = n[2..];
        }

        string? dir = _input.RelativePath is { } rel && rel.LastIndexOf('/') is int slash and > 0 ? rel[..slash] : null;
        if (dir is not null && siblings.ContainsKey(dir + "/" + n))
        {
            return dir + "/" + n;
        }

        if (siblings.ContainsKey(n))
        {
            return n;
        }

        _byBareName ??= BuildBareNameIndex(siblings.Keys);
        string bare = n[(n.LastIndexOf('/') + 1)..];
        if (!_byBareName.TryGetValue(bare, out var candidates))
        {
            return null;
        }

        // Prefer the candidate whose path ends with the whole name (exports rooted one folder higher).
        foreach (var c in candidates)
        {
            if (c.EndsWith("/" + n, StringComparison.Ordinal))
            {
                return c;
            }
        }

        if (dir is not null)
        {
            foreach (var c in candidates)
            {
                if (c.StartsWith(dir + "/", StringComparison.Ordinal))
                {
                    return c;
                }
            }
        }

        return candidates.Count == 1 ? candidates[0] : null;
    }

    private static Dictionary<string, List<string>> BuildBareNameIndex(IEnumerable<string> keys)
    {
        var index = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var k in keys)
        {
            string bare = k[(k.LastIndexOf('/') + 1)..];
            if (!index.TryGetValue(bare, out var list))
            {
                index[bare] = list = [];
            }

            list.Add(k);
        }

        return index;
    }
}

/// <summary>Media type from a file extension (for display and the report; never trusted for safety).</summary>
internal static class MediaTypes
{
    public static string? FromName(string name)
    {
        string ext = Path.GetExtension(name).ToLowerInvariant();
        return ext switch
        {
            ".jpg" or ".jpeg" => "image/jpeg",
            ".png" => "image/png",
            ".gif" => "image/gif",
            ".webp" => "image/webp",
            ".heic" => "image/heic",
            ".mp4" => "video/mp4",
            ".mov" => "video/quicktime",
            ".3gp" => "video/3gpp",
            ".opus" => "audio/opus",
            ".ogg" => "audio/ogg",
            ".m4a" => "audio/mp4",
            ".mp3" => "audio/mpeg",
            ".aac" => "audio/aac",
            ".pdf" => "application/pdf",
            ".vcf" => "text/vcard",
            ".txt" => "text/plain",
            _ => null,
        };
    }
}
