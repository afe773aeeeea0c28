using System.Text;

namespace Amparo.Evidence.Bundle;

/// <summary>Fixed names inside a bundle (see docs/evidence-format.md).</summary>
public static class BundleLayout
{
    public const string Manifest = "manifest.json";
    public const string Signature = "manifest.sig";
    public const string PublicKey = "public-key.pem";
    public const string Sums = "SHA256SUMS";
    public const string CustodyLog = "custody-log.jsonl";
    public const string CaseUco = "case-uco.jsonld";
    public const string Readme = "README.txt";
    public const string OriginalsFolder = "originals/";
    public const string DerivedFolder = "derived/";

    /// <summary>Files outside the manifest's <c>files</c> list (they describe or seal it).</summary>
    public static readonly IReadOnlySet<string> SealFiles = new HashSet<string>(StringComparer.Ordinal) { Manifest, Signature, PublicKey, Sums };

    /// <summary>A file name safe in any zip tool and shell: letters, digits, dot, dash, underscore.</summary>
    public static string SafeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        string safe = sb.ToString().Trim('.');
        if (safe.Length > 100)
        {
            string ext = Path.GetExtension(safe);
            safe = safe[..(100 - Math.Min(ext.Length, 20))] + ext[..Math.Min(ext.Length, 20)];
        }

        return safe.Length == 0 ? "file" : safe;
    }
}
