using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Amparo.Web.Webhooks;

/// <summary>
/// <c>X-Amparo-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;body&gt;")&gt;</c>. The timestamp
/// inside the signed text lets a receiver refuse replays of old deliveries.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Amparo-Signature";

    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        byte[] prefix = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        byte[] signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        byte[] mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"t={unixSeconds.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>Checks a header value in constant time; what a receiver does (also used by the tests).</summary>
    public static bool Verify(string secret, string header, ReadOnlySpan<byte> body)
    {
        long? t = null;
        string? v1 = null;
        foreach (var part in header.Split(','))
        {
            var kv = part.Split('=', 2);
            if (kv.Length == 2 && kv[0] == "t" && long.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out long parsed))
            {
                t = parsed;
            }
            else if (kv.Length == 2 && kv[0] == "v1")
            {
                v1 = kv[1];
            }
        }

        if (t is null || v1 is null)
        {
            return false;
        }

        string expected = Sign(secret, t.Value, body);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(header.Trim()));
    }
}
