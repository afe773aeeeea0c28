namespace Amparo.Reporting;

/// <summary>
/// The root of every exception Amparo.Reporting throws for infrastructure problems or bugs (a missing embedded
/// resource, a font that cannot be loaded, a remote service that answers nonsense). Expected problems, such as
/// an unknown country or an error code from the CyberTipline, come back as values.
/// </summary>
public class ReportingException : Exception
{
    public ReportingException()
    {
    }

    public ReportingException(string message)
        : base(message)
    {
    }

    public ReportingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
