using System.Globalization;
using CarePortal.Domain.Audit;
using CarePortal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace CarePortal.Web.Features.Audit;

/// <summary>An audit line's words in the reader's language: the page and the CSV export say the same.</summary>
public static class AuditTexts
{
    public static string Action(this IStringLocalizer<SharedResource> l, AuditAction action) => l[$"Audit.Action.{action}"];

    /// <summary>A detail in the reader's language when it is one of the portal's own (a search's term is shown as stored).</summary>
    public static string Detail(this IStringLocalizer<SharedResource> l, string? detail) =>
        detail is null ? "" : l[$"Audit.Detail.{detail}"] is { ResourceNotFound: false } text ? text.Value : detail;

    /// <summary>A field's name in the reader's language (fields without their own text are shown as stored); an export names several, joined by commas.</summary>
    public static string Field(this IStringLocalizer<SharedResource> l, string? field) =>
        field is null ? "" : string.Join(" · ", field.Split(',').Select(f => l[$"Audit.Field.{f}"] is { ResourceNotFound: false } text ? text.Value : f));

    public static IReadOnlyList<string> CsvHeaders(this IStringLocalizer<SharedResource> l) =>
        [l["Audit.When"], l["Audit.Who"], l["Audit.Action"], l["Audit.Record"], l["Audit.Field"], l["Audit.Before"], l["Audit.After"], l["Audit.Detail"]];

    public static IReadOnlyList<string> CsvRow(this IStringLocalizer<SharedResource> l, AuditLine line, DateTime localTime) =>
    [
        localTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), line.UserName, l.Action(line.Action),
        line.SubjectName ?? line.SubjectId, l.Field(line.Field), line.Before ?? "", line.After ?? "", l.Detail(line.Detail),
    ];
}
