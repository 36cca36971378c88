using CarePortal.Domain.Calendar;

namespace CarePortal.Domain.Campaigns;

/// <summary>A campaign's next occasion, when its greetings go out (company time), and the day planning reaches it.</summary>
public sealed record NextGreeting(OccasionDate Occasion, DateTime SendAtLocal, DateOnly PlannedFrom);
