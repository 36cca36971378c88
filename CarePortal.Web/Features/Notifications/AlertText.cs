using System.Globalization;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Notifications;
using Microsoft.Extensions.Localization;

namespace CarePortal.Web.Features.Notifications;

/// <summary>
/// The text of an alert: <c>Alert.Overdue</c> for a case, <c>Alert.FollowUpOverdue</c> for a follow-up,
/// with what it names as <c>{0}</c> and the rule's figures (at-risk share <c>{1}</c>, escalation share
/// <c>{2}</c>, in per cent) taken from <see cref="SlaThresholds"/>, never written into the text.
/// </summary>
public static class AlertText
{
    public static string Key(NotificationSubject subject, SlaState kind) =>
        subject switch
        {
            NotificationSubject.FollowUp => "Alert.FollowUpOverdue",
            NotificationSubject.HolidayCalendar => "Alert.HolidayArrangementMissing",
            NotificationSubject.UrgentCase => "Alert.UrgentCase",
            NotificationSubject.CorrectiveAction => "Alert.ActionOverdue",
            NotificationSubject.Commitment => "Alert.CommitmentMissed",
            NotificationSubject.HelperTask => kind == SlaState.Overdue ? "Alert.HelperTaskOverdue" : "Alert.HelperTask",
            _ => $"Alert.{kind}",
        };

    /// <summary>The alert in the current language, naming <paramref name="reference"/> (an acceptance number or a customer).</summary>
    public static string Format(IStringLocalizer localizer, NotificationSubject subject, SlaState kind, string? reference) =>
        string.Format(CultureInfo.CurrentCulture, localizer[Key(subject, kind)], reference, SlaThresholds.AtRiskPercent, SlaThresholds.EscalatePercent);
}
