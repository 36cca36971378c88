using CarePortal.Domain.Staff;

namespace CarePortal.Domain.Evidence;

/// <summary>
/// One file of evidence on a case (a photo of the work, a scanned letter, the signed 签呈), or on one
/// of its follow-ups. The content lives in the attachment store under <see cref="StorageKey"/>;
/// a deleted file keeps its row (who added and who deleted it, when) and loses its content.
/// </summary>
public sealed class CaseFile
{
    public int Id { get; private set; }
    public int ComplaintId { get; private set; }

    /// <summary>The follow-up (a return visit, say) the file was added to; null for the case itself.</summary>
    public int? FollowUpId { get; private set; }

    public string FileName { get; private set; } = "";
    public EvidenceKind Kind { get; private set; }
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string StorageKey { get; private set; } = "";

    /// <summary>An image's small copy, stored under <see cref="ThumbnailKey"/>; null for other files.</summary>
    public string? ThumbnailKey { get; private set; }

    public DateTime AddedAtUtc { get; private set; }
    public string AddedById { get; private set; } = "";
    public string AddedByName { get; private set; } = "";
    public DateTime? DeletedAtUtc { get; private set; }
    public string? DeletedByName { get; private set; }

    public bool IsDeleted => DeletedAtUtc is not null;

    private CaseFile()
    {
    }

    public static CaseFile Add(int complaintId, int? followUpId, string fileName, EvidenceType type, long size, string storageKey, string? thumbnailKey, Actor by, DateTime nowUtc) => new()
    {
        ComplaintId = complaintId,
        FollowUpId = followUpId,
        FileName = fileName,
        Kind = type.Kind,
        ContentType = type.ContentType,
        Size = size,
        StorageKey = storageKey,
        ThumbnailKey = thumbnailKey,
        AddedAtUtc = nowUtc,
        AddedById = by.UserId,
        AddedByName = by.Name,
    };

    /// <summary>Who may delete a file: whoever added it, and managers and admins.</summary>
    public bool MayBeDeletedBy(Actor actor) => !IsDeleted && (actor.UserId == AddedById || actor.IsIn(Roles.Manager) || actor.IsIn(Roles.Admin));

    public void Delete(Actor by, DateTime nowUtc)
    {
        DeletedAtUtc = nowUtc;
        DeletedByName = by.Name;
    }
}
