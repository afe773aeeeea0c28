using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Amparo.Evidence.Custody;

/// <summary>
/// The JSON form of everything a log entry creates. The same bytes are embedded in the log entry and sealed in
/// the record row, so verification compares them exactly. Property order is declaration order; nulls are left out.
/// </summary>
internal sealed record RecordDto
{
    public required string Type { get; init; }

    public string? CaseId { get; init; }

    public long? Id { get; init; }

    public string? Title { get; init; }

    public string? Notes { get; init; }

    public string? Role { get; init; }

    public string? Kind { get; init; }

    public string? FileName { get; init; }

    public string? MediaType { get; init; }

    public long? Size { get; init; }

    public string? Sha256 { get; init; }

    public string? Md5 { get; init; }

    public string? DerivedFrom { get; init; }

    public string? Description { get; init; }

    public CaptureDto? Capture { get; init; }

    public bool? MayDepictMinor { get; init; }

    public string? Text { get; init; }

    public string? IdentifierKind { get; init; }

    public string? Value { get; init; }

    public string? BundleId { get; init; }

    public string? Recipient { get; init; }

    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, Options);

    public static RecordDto Parse(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<RecordDto>(json, Options) ?? throw new JsonException("null record");
}

internal sealed record CaptureDto
{
    public string? CapturedBy { get; init; }

    public DateTimeOffset? CapturedAt { get; init; }

    public string? Device { get; init; }

    public string? App { get; init; }

    public string? Source { get; init; }

    public static CaptureDto? From(CaptureMetadata? c) => c is null ? null : new CaptureDto
    {
        CapturedBy = c.CapturedBy,
        CapturedAt = c.CapturedAt,
        Device = c.Device,
        App = c.App,
        Source = c.Source,
    };

    public CaptureMetadata ToModel() => new()
    {
        CapturedBy = CapturedBy,
        CapturedAt = CapturedAt,
        Device = Device,
        App = App,
        Source = Source,
    };
}
