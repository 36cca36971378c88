using System.Globalization;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Evidence;
using CarePortal.Domain.Staff;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CarePortal.Web.Features.Evidence;

/// <summary>A file as the user picked it: its name and its content, read in full (at most <see cref="EvidenceRules.MaxFileBytes"/>).</summary>
public sealed record FileUpload(string FileName, byte[] Content);

/// <summary>What became of one picked file: taken (its id) or refused (why).</summary>
public sealed record UploadOutcome(string FileName, int? FileId, string? Problem);

/// <summary>What adding files did: each file's outcome, or why none could be added (the case, not a file).</summary>
public sealed record FilesAdded(IReadOnlyList<UploadOutcome> Files, Refusal? Refusal = null)
{
    /// <summary>What the user reads about the files not taken (and those refused before reading): each by name, with why, in their language.</summary>
    public List<string> Explain(IStringLocalizer l, IReadOnlyList<UploadOutcome>? refusedBeforeReading = null)
    {
        var lines = new List<string>();
        if (Refusal is { } refusal)
        {
            lines.Add(l.Explain(refusal));
        }

        lines.AddRange((refusedBeforeReading ?? []).Concat(Files).Where(f => f.Problem is not null)
            .Select(f => string.Format(CultureInfo.CurrentCulture, l["Evidence.Refused"], f.FileName, l[f.Problem!].Value)));
        return lines;
    }
}

/// <summary>One file of a case as its page lists it.</summary>
public sealed record CaseFileRow(int Id, int? FollowUpId, string FileName, EvidenceKind Kind, long Size, DateTime AddedAtUtc, string AddedByName, bool HasThumbnail, bool MayDelete);

/// <summary>A file's content, to send.</summary>
public sealed record FileContent(string FileName, string ContentType, byte[] Content);

/// <summary>
/// The evidence of a case (issue 17 item 3): files added, listed, opened and deleted by those who may
/// see the case (<see cref="ComplaintScope"/>), each checked by content (<see cref="EvidenceRules"/>),
/// stored in the shared attachment store, and each addition, download and deletion on the timeline.
/// </summary>
public sealed class EvidenceService(IDbContextFactory<CareDbContext> dbFactory, IAttachmentStore store, CompanyClock clock, ILogger<EvidenceService> logger)
{
    public async Task<FilesAdded> AddAsync(int complaintId, int? followUpId, IReadOnlyList<FileUpload> files, Actor actor, CancellationToken cancellationToken = default)
    {
        if (files.Count == 0)
        {
            return new FilesAdded([]);
        }

        if (files.Count > EvidenceRules.MaxFilesAtOnce)
        {
            return new FilesAdded([], new Refusal("Evidence.TooManyAtOnce", EvidenceRules.MaxFilesAtOnce));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        actor = await db.AsTheyAreNowAsync(actor, cancellationToken);
        var complaint = await db.Complaints.Include(c => c.HelperTasks).SingleOrDefaultAsync(c => c.Id == complaintId, cancellationToken);
        if (complaint is null || !ComplaintScope.MaySee(actor, complaint))
        {
            return new FilesAdded([], new Refusal("Refusal.OutOfScope"));
        }

        if (!complaint.IsOpen)
        {
            return new FilesAdded([], new Refusal("Evidence.CaseClosed"));
        }

        if (followUpId is { } visit && !await db.FollowUps.AnyAsync(f => f.Id == visit && f.ComplaintId == complaintId, cancellationToken))
        {
            return new FilesAdded([], new Refusal("Refusal.NotFound"));
        }

        var caseBytes = await db.CaseFiles.Where(f => f.ComplaintId == complaintId && f.DeletedAtUtc == null).SumAsync(f => (long?)f.Size, cancellationToken) ?? 0;
        var nowUtc = clock.UtcNow;
        var outcomes = new List<(UploadOutcome Outcome, CaseFile? File)>();
        var stored = new List<string>();
        try
        {
            foreach (var file in files)
            {
                var name = file.FileName.Trim();
                var problem = EvidenceRules.Problem(name, file.Content, caseBytes);
                var type = problem is null ? EvidenceRules.TypeOf(name) : null;
                byte[]? thumbnail = null;
                if (type?.Kind == EvidenceKind.Image && (thumbnail = Thumbnails.Make(file.Content)) is null)
                {
                    // The first bytes said image, the rest does not decode as one.
                    problem = "Evidence.NotWhatItsNameSays";
                }

                if (problem is not null)
                {
                    outcomes.Add((new UploadOutcome(name, null, problem), null));
                    continue;
                }

                var key = Guid.NewGuid().ToString("N");
                await store.PutAsync(key, file.Content, cancellationToken);
                stored.Add(key);
                string? thumbnailKey = null;
                if (thumbnail is not null)
                {
                    thumbnailKey = Guid.NewGuid().ToString("N");
                    await store.PutAsync(thumbnailKey, thumbnail, cancellationToken);
                    stored.Add(thumbnailKey);
                }

                caseBytes += file.Content.LongLength;
                var added = CaseFile.Add(complaintId, followUpId, name, type!, file.Content.LongLength, key, thumbnailKey, actor, nowUtc);
                db.CaseFiles.Add(added);
                outcomes.Add((new UploadOutcome(name, null, null), added));
            }

            var taken = outcomes.Where(o => o.File is not null).Select(o => o.File!.FileName).ToList();
            if (taken.Count > 0)
            {
                complaint.RecordFiles(ComplaintAction.AddFiles, actor, nowUtc, Clip(string.Join("、", taken)));
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing half-stored: contents whose rows did not save are removed again.
            foreach (var key in stored)
            {
                await store.DeleteAsync(key, CancellationToken.None);
            }

            return new FilesAdded([], SaveFailures.NotSaved(logger, e, "The files of case", complaintId));
        }

        return new FilesAdded(outcomes.Select(o => o.File is { } f ? o.Outcome with { FileId = f.Id } : o.Outcome).ToList());
    }

    /// <summary>The case's files (not deleted), oldest first; null when the case is not the viewer's to see.</summary>
    public async Task<IReadOnlyList<CaseFileRow>?> ListAsync(int complaintId, Actor viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        viewer = await db.AsTheyAreNowAsync(viewer, cancellationToken);
        if (!await MaySeeAsync(db, complaintId, viewer, cancellationToken))
        {
            return null;
        }

        var files = await db.CaseFiles.AsNoTracking().Where(f => f.ComplaintId == complaintId && f.DeletedAtUtc == null)
            .OrderBy(f => f.AddedAtUtc).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        return files.Select(f => new CaseFileRow(f.Id, f.FollowUpId, f.FileName, f.Kind, f.Size, f.AddedAtUtc, f.AddedByName, f.ThumbnailKey is not null, f.MayBeDeletedBy(viewer))).ToList();
    }

    /// <summary>
    /// A file's content (or an image's thumbnail) for a viewer who may see its case; null otherwise.
    /// Opening the file itself is written on the timeline; a thumbnail on the case page is not.
    /// </summary>
    public async Task<FileContent?> OpenAsync(int complaintId, int fileId, Actor viewer, bool thumbnail, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        viewer = await db.AsTheyAreNowAsync(viewer, cancellationToken);
        var file = await db.CaseFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId && f.ComplaintId == complaintId && f.DeletedAtUtc == null, cancellationToken);
        if (file is null || !await MaySeeAsync(db, complaintId, viewer, cancellationToken) || (thumbnail && file.ThumbnailKey is null))
        {
            return null;
        }

        var content = await store.GetAsync(thumbnail ? file.ThumbnailKey! : file.StorageKey, cancellationToken);
        if (content is null)
        {
            return null;
        }

        if (!thumbnail)
        {
            var complaint = await db.Complaints.SingleAsync(c => c.Id == complaintId, cancellationToken);
            complaint.RecordFiles(ComplaintAction.DownloadFile, viewer, clock.UtcNow, file.FileName);
            await db.SaveChangesAsync(cancellationToken);
        }

        return new FileContent(file.FileName, thumbnail ? "image/jpeg" : file.ContentType, content);
    }

    /// <summary>Deletes a file (its content goes, its row and the timeline keep who and when); who added it, managers and admins may.</summary>
    public async Task<Refusal?> DeleteAsync(int complaintId, int fileId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        actor = await db.AsTheyAreNowAsync(actor, cancellationToken);
        var file = await db.CaseFiles.SingleOrDefaultAsync(f => f.Id == fileId && f.ComplaintId == complaintId && f.DeletedAtUtc == null, cancellationToken);
        var complaint = await db.Complaints.Include(c => c.HelperTasks).SingleOrDefaultAsync(c => c.Id == complaintId, cancellationToken);
        if (file is null || complaint is null || !ComplaintScope.MaySee(actor, complaint))
        {
            return new Refusal("Refusal.NotFound");
        }

        if (!file.MayBeDeletedBy(actor))
        {
            return new Refusal("Evidence.NotYours");
        }

        var nowUtc = clock.UtcNow;
        file.Delete(actor, nowUtc);
        complaint.RecordFiles(ComplaintAction.DeleteFile, actor, nowUtc, file.FileName);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var key in new[] { file.StorageKey, file.ThumbnailKey }.OfType<string>())
        {
            await store.DeleteAsync(key, cancellationToken);
        }

        return null;
    }

    private static async Task<bool> MaySeeAsync(CareDbContext db, int complaintId, Actor viewer, CancellationToken cancellationToken) =>
        await db.Complaints.Where(c => c.Id == complaintId).Where(ComplaintScope.VisibleTo(viewer)).AnyAsync(cancellationToken);

    private static string Clip(string note) => note.Length <= ComplaintLimits.Note ? note : note[..(ComplaintLimits.Note - 1)] + "…";
}
