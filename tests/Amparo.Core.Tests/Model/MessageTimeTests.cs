using Amparo.Core;

namespace Amparo.Core.Tests.Model;

public class MessageTimeTests
{
    [Theory]
    [InlineData("2024-05-01T10:00:00+02:00", MessageTimeKind.Exact)]
    [InlineData("2024-05-01T10:00:00-05:30", MessageTimeKind.Exact)]
    [InlineData("2024-05-01T10:00:00+00:00", MessageTimeKind.Exact)]
    [InlineData("2024-05-01T10:00:07", MessageTimeKind.Local)]
    [InlineData("10:05", MessageTimeKind.TimeOfDay)]
    [InlineData("23:59:58", MessageTimeKind.TimeOfDay)]
    public void Interchange_spelling_round_trips(string text, MessageTimeKind kind)
    {
        MessageTime.TryParseInterchange(text, out var time).ShouldBeTrue();

        time.Kind.ShouldBe(kind);
        time.ToInterchange().ShouldBe(text);
        MessageTime.TryParseInterchange(time.ToInterchange(), out var again).ShouldBeTrue();
        again.ShouldBe(time);
    }

    [Fact]
    public void Utc_z_is_exact_with_a_zero_offset()
    {
        MessageTime.TryParseInterchange("2024-05-01T10:00:00Z", out var time).ShouldBeTrue();

        time.Kind.ShouldBe(MessageTimeKind.Exact);
        time.Value.Offset.ShouldBe(TimeSpan.Zero);
        time.ToInterchange().ShouldBe("2024-05-01T10:00:00+00:00");
    }

    [Fact]
    public void A_wall_clock_time_never_gains_an_offset()
    {
        var local = MessageTime.Local(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Local));

        local.ToInterchange().ShouldBe("2024-01-02T03:04:05");
        local.WallClock.ShouldBe(new DateTime(2024, 1, 2, 3, 4, 5));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_times_are_unknown(string? text)
    {
        MessageTime.TryParseInterchange(text, out var time).ShouldBeTrue();

        time.ShouldBe(MessageTime.Unknown);
        time.ToInterchange().ShouldBeNull();
        time.ToString().ShouldBe("unknown");
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("25:00")]
    [InlineData("2024-13-45T10:00:00")]
    public void Nonsense_is_rejected(string text)
    {
        MessageTime.TryParseInterchange(text, out var time).ShouldBeFalse();

        time.ShouldBe(MessageTime.Unknown);
    }

    [Fact]
    public void Time_of_day_keeps_only_the_time()
    {
        var t = MessageTime.OfDay(new TimeOnly(9, 5));

        t.TimeOfDayValue.ShouldBe(new TimeOnly(9, 5));
        t.WallClock.ShouldBeNull();
        t.ToInterchange().ShouldBe("09:05");
    }
}
