namespace CarePortal.Domain.Causes;

/// <summary>
/// One entry of the admin-kept list of root causes (「找出問題的根源和影響因素」), two levels deep: a
/// category (员工行为) and its causes (服务态度). A resolution proposal names a cause of the second
/// level, so the complaints can be counted by cause. A code a case names is retired, never deleted.
/// </summary>
public sealed class CauseCode
{
    public const int NameMax = 50;

    public int Id { get; private set; }

    /// <summary>The category a cause belongs to; null for a category.</summary>
    public int? ParentId { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>A retired code is no longer offered; the cases that name it keep it.</summary>
    public bool Retired { get; private set; }

    public int Order { get; private set; }

    public bool IsCategory => ParentId is null;

    private CauseCode()
    {
    }

    public static CauseCode Category(string name, int order = 0) => new() { Name = name.Trim(), Order = order };

    public static CauseCode Cause(int categoryId, string name, int order = 0) => new() { ParentId = categoryId, Name = name.Trim(), Order = order };

    public void Rename(string name) => Name = name.Trim();

    public void Retire(bool retired) => Retired = retired;
}

/// <summary>The rules of the cause list: names, two levels, siblings apart, and what a proposal may name.</summary>
public static class CauseCodeRules
{
    /// <summary>
    /// Why a code cannot be saved with this name under this parent (a message code), or null: a name
    /// is needed and short, a cause belongs under a category (never under another cause), and no two
    /// siblings share a name.
    /// </summary>
    public static string? Problem(string name, int? parentId, int? id, IReadOnlyCollection<CauseCode> all)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0)
        {
            return "Validation.Required";
        }

        if (trimmed.Length > CauseCode.NameMax)
        {
            return "Validation.TooLong";
        }

        if (parentId is { } parent && all.FirstOrDefault(c => c.Id == parent) is not { IsCategory: true })
        {
            return "Causes.ParentNotACategory";
        }

        return all.Any(c => c.Id != id && c.ParentId == parentId && string.Equals(c.Name, trimmed, StringComparison.OrdinalIgnoreCase))
            ? "Causes.NameTaken"
            : null;
    }

    /// <summary>Why a code cannot be deleted, or null: one a case names, or a category with causes, is retired instead.</summary>
    public static string? DeleteProblem(CauseCode code, IReadOnlyCollection<CauseCode> all, bool namedByACase) =>
        namedByACase ? "Causes.InUse"
        : code.IsCategory && all.Any(c => c.ParentId == code.Id) ? "Causes.HasCauses"
        : null;

    /// <summary>The causes a proposal may name: neither they nor their category retired.</summary>
    public static IReadOnlyList<CauseCode> Offered(IReadOnlyCollection<CauseCode> all) =>
        all.Where(c => !c.IsCategory && !c.Retired && all.Any(p => p.Id == c.ParentId && !p.Retired)).ToList();

    /// <summary>Why a proposal cannot name <paramref name="picked"/> (one given), or null: it is offered.</summary>
    public static string? ProposalProblem(int? picked, IReadOnlyCollection<CauseCode> all) =>
        picked is null || Offered(all).Any(c => c.Id == picked) ? null : "Refusal.CauseCodeNotOffered";

    /// <summary>The seeded list, from the policies' own kinds of complaint (a company edits it).</summary>
    public static IReadOnlyList<(string Category, string[] Causes)> Defaults { get; } =
    [
        ("员工行为", ["服务态度", "着装仪表", "违规操作", "漏岗脱岗"]),
        ("服务质量", ["未按时完成", "质量不达标", "沟通不及时"]),
        ("费用", ["收费争议", "扣费争议"]),
        ("设施设备", ["设备故障", "维修不及时"]),
        ("其他", ["非本公司责任", "其他原因"]),
    ];
}
