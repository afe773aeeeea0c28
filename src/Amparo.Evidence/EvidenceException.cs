namespace Amparo.Evidence;

/// <summary>
/// The root of every exception the evidence library throws on purpose. Callers that show messages to people
/// (CLI, dashboard) catch this type; the message is a plain sentence saying what is wrong and what to do.
/// </summary>
public class EvidenceException : Exception
{
    public EvidenceException()
    {
    }

    public EvidenceException(string message)
        : base(message)
    {
    }

    public EvidenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The passphrase does not open this vault.</summary>
public sealed class WrongPassphraseException(string vaultLocation)
    : EvidenceException($"The passphrase is not the one this vault was created with ({vaultLocation}). Nothing was changed; try again.")
{
    public string VaultLocation { get; } = vaultLocation;
}

/// <summary>A case, item or vault that was asked for does not exist.</summary>
public sealed class EvidenceNotFoundException(string message) : EvidenceException(message);

/// <summary>
/// Stored data failed its integrity check while being read (a blob that does not authenticate, a hash that
/// does not match). Nothing is returned from a damaged item; run a verification to see what changed.
/// </summary>
public sealed class EvidenceIntegrityException(string message) : EvidenceException(message);
