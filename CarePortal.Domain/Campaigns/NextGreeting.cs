using CarePortal.Domain.Calendar;
using System.Globalization;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Staff;

namespace CarePortal.Domain.Campaigns;

/// <summary>A campaign's next occasion, when its greetings go out (company time), and the day planning reaches it.</summary>
public sealed record NextGreeting(OccasionDate Occasion, DateTime SendAtLocal, DateOnly PlannedFrom);
