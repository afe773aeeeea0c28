namespace Amparo.Importers;

/// <summary>
/// An archive entry broke a safety cap (zip bomb). It derives from <see cref="IOException"/> so that importers
/// reading an entry treat it like any failed read; <see cref="ChatImporter"/> turns it into a diagnostic.
/// </summary>
public sealed class ArchiveLimitException : IOException
{
    public ArchiveLimitException()
    {
    }

    public ArchiveLimitException(string message)
        : base(message)
    {
    }

    public ArchiveLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
