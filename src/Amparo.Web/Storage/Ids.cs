using System.Globalization;
using System.Security.Cryptography;

namespace Amparo.Web.Storage;

internal static class Ids
{
    /// <summary>A random, unguessable id (128 bits, lower-case hex) with a readable prefix.</summary>
    public static string New(string prefix) => prefix + "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
