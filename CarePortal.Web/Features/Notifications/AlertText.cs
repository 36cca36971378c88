using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Notifications;

namespace CarePortal.Web.Features.Notifications;

/// <summary>The text key of an alert: <c>Alert.Overdue</c> for a case, <c>Alert.FollowUpOverdue</c> for a follow-up.</summary>
public static class AlertText
{
    public static string Key(NotificationSubject subject, SlaState kind) =>
        subject == NotificationSubject.FollowUp ? "Alert.FollowUpOverdue" : $"Alert.{kind}";
}
