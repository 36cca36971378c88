namespace CarePortal.Domain.Calendar;

/// <summary>
/// The company's working time: working hours on working days, minus statutory holidays (lunar ones
/// computed), with the admin's adjustments on top. All times are the company's local wall clock.
/// </summary>
public sealed class BusinessCalendar
{
    private const int MaxDaysSearched = 3660;

    private readonly Dictionary<DateOnly, bool> _adjustments;
    private readonly Dictionary<int, HashSet<DateOnly>> _holidays = [];
    private readonly HashSet<DayOfWeek> _workingDays;

    public BusinessCalendar(TimeOnly workStart, TimeOnly workEnd, IEnumerable<DayOfWeek> workingDays, IEnumerable<CalendarAdjustment> adjustments)
    {
        if (workEnd <= workStart)
        {
            throw new ArgumentException("Working hours must end after they start.", nameof(workEnd));
        }

        WorkStart = workStart;
        WorkEnd = workEnd;
        _workingDays = [.. workingDays];
        _adjustments = adjustments.ToDictionary(a => a.Date, a => a.IsWorkingDay);
    }

    /// <summary>09:00–18:00, Monday to Friday, statutory holidays, no adjustments.</summary>
    public static BusinessCalendar Standard(IEnumerable<CalendarAdjustment>? adjustments = null) =>
        new(new TimeOnly(9, 0), new TimeOnly(18, 0),
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
            adjustments ?? []);

    public TimeOnly WorkStart { get; }

    public TimeOnly WorkEnd { get; }

    public bool IsWorkingDay(DateOnly date)
    {
        if (_adjustments.TryGetValue(date, out var working))
        {
            return working;
        }

        return _workingDays.Contains(date.DayOfWeek) && !HolidaysOf(date.Year).Contains(date);
    }

    /// <summary>The local time <paramref name="duration"/> of working time after <paramref name="start"/>.</summary>
    public DateTime AddWorkingTime(DateTime start, TimeSpan duration)
    {
        var remaining = duration;
        var time = start;
        for (var day = 0; day < MaxDaysSearched; day++)
        {
            var date = DateOnly.FromDateTime(time);
            if (IsWorkingDay(date))
            {
                var opens = date.ToDateTime(WorkStart);
                var closes = date.ToDateTime(WorkEnd);
                if (time < opens)
                {
                    time = opens;
                }

                if (time < closes)
                {
                    var available = closes - time;
                    if (remaining <= available)
                    {
                        return time + remaining;
                    }

                    remaining -= available;
                }
            }

            time = date.AddDays(1).ToDateTime(TimeOnly.MinValue);
        }

        throw new InvalidOperationException("No working time found within ten years; check the calendar.");
    }

    /// <summary>
    /// The start of the next working slot strictly after <paramref name="local"/>: slots of
    /// <paramref name="slot"/> follow one another from the start of each working day, and the last
    /// one starts before the day closes; after it (or on a day off) the first slot of the next working day.
    /// </summary>
    public DateTime NextSlotAfter(DateTime local, TimeSpan slot)
    {
        if (slot <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(slot), "A slot must last some time.");
        }

        var date = DateOnly.FromDateTime(local);
        for (var day = 0; day < MaxDaysSearched; day++, date = date.AddDays(1))
        {
            if (!IsWorkingDay(date))
            {
                continue;
            }

            var closes = date.ToDateTime(WorkEnd);
            for (var start = date.ToDateTime(WorkStart); start < closes; start += slot)
            {
                if (start > local)
                {
                    return start;
                }
            }
        }

        throw new InvalidOperationException("No working time found within ten years; check the calendar.");
    }

    /// <summary>The working time between two local times (zero when <paramref name="to"/> is not later).</summary>
    public TimeSpan WorkingTimeBetween(DateTime from, DateTime to)
    {
        var total = TimeSpan.Zero;
        for (var date = DateOnly.FromDateTime(from); date <= DateOnly.FromDateTime(to); date = date.AddDays(1))
        {
            if (!IsWorkingDay(date))
            {
                continue;
            }

            var opens = Max(date.ToDateTime(WorkStart), from);
            var closes = Min(date.ToDateTime(WorkEnd), to);
            if (closes > opens)
            {
                total += closes - opens;
            }
        }

        return total;
    }

    private HashSet<DateOnly> HolidaysOf(int year)
    {
        if (!_holidays.TryGetValue(year, out var days))
        {
            days = [.. ChineseHolidays.StatutoryDaysOff(year).Select(h => h.Date)];
            _holidays[year] = days;
        }

        return days;
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
