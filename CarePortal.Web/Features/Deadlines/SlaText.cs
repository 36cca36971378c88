using System.Globalization;
using CarePortal.Domain.Deadlines;
using Microsoft.Extensions.Localization;

namespace CarePortal.Web.Features.Deadlines;

public static class SlaText
{
    /// <summary>The SLA policies page's explanation, with the rule's shares (at risk, escalated) filled in as per cent.</summary>
    public static string Explain(IStringLocalizer localizer) =>
        string.Format(CultureInfo.CurrentCulture, localizer["Sla.Explain"], SlaThresholds.AtRiskPercent, SlaThresholds.EscalatePercent);
}
