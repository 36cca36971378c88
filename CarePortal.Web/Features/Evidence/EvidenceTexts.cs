using System.Globalization;
using CarePortal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace CarePortal.Web.Features.Evidence;

/// <summary>What the user reads about files not taken: each by name, with why, in their language.</summary>
public static class EvidenceTexts
{
    public static List<string> Refusals(IStringLocalizer l, FilesAdded added, IReadOnlyList<UploadOutcome> refusedBeforeReading)
    {
        var lines = new List<string>();
        if (added.Refusal is { } refusal)
        {
            lines.Add(l.Explain(refusal));
        }

        lines.AddRange(refusedBeforeReading.Concat(added.Files).Where(f => f.Problem is not null)
            .Select(f => string.Format(CultureInfo.CurrentCulture, l["Evidence.Refused"], f.FileName, l[f.Problem!].Value)));
        return lines;
    }
}
