namespace Amparo.Evidence.Tests.Contract;

/// <summary>A clock that moves one second per reading, so log times are predictable.</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        var now = _now;
        _now = _now.AddSeconds(1);
        return now;
    }
}
