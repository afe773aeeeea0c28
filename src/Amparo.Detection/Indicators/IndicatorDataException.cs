namespace Amparo.Detection.Indicators;

/// <summary>The indicator data files are malformed (names the file and line). A packaging bug, not bad user input.</summary>
public sealed class IndicatorDataException : Exception
{
    public IndicatorDataException()
    {
    }

    public IndicatorDataException(string message)
        : base(message)
    {
    }

    public IndicatorDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
