namespace Amparo.Ocr;

/// <summary>
/// The root of every exception Amparo.Ocr throws: infrastructure problems such as a missing or broken OCR
/// engine. Bad images are not exceptions; they come back as diagnostics.
/// </summary>
public class OcrException : Exception
{
    public OcrException()
    {
    }

    public OcrException(string message)
        : base(message)
    {
    }

    public OcrException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
