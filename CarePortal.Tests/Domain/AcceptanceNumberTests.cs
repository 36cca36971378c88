using CarePortal.Domain.Complaints;

namespace CarePortal.Tests.Domain;

public sealed class AcceptanceNumberTests
{
    [Theory]
    [InlineData(2026, 11, 22, 7, "TS-20261122-0007")]
    [InlineData(2026, 1, 5, 1, "TS-20260105-0001")]
    [InlineData(2026, 12, 31, 9999, "TS-20261231-9999")]
    [InlineData(2026, 12, 31, 12345, "TS-20261231-12345")]
    public void Numbers_read_TS_day_and_the_days_sequence(int year, int month, int day, int sequence, string expected)
    {
        var number = AcceptanceNumber.Format(new DateOnly(year, month, day), sequence);

        Assert.Equal(expected, number);
        Assert.True(AcceptanceNumber.TryParse(number, out var parsedDay, out var parsedSequence));
        Assert.Equal((new DateOnly(year, month, day), sequence), (parsedDay, parsedSequence));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("TS-2026112-0007")]
    [InlineData("TS-20261322-0007")]
    [InlineData("TS-20261122-007")]
    [InlineData("TS-20261122-0000")]
    [InlineData("ts-20261122-0007")]
    [InlineData(" TS-20261122-0007")]
    public void Anything_else_is_not_an_acceptance_number(string? text) =>
        Assert.False(AcceptanceNumber.TryParse(text, out _, out _));

    [Fact]
    public void A_sequence_starts_at_one() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AcceptanceNumber.Format(new DateOnly(2026, 11, 22), 0));
}
