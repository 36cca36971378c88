using System.Net;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Features.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace CarePortal.Tests.Integration;

/// <summary>Issue 17 item 3 over the real portal: files of evidence checked by content, stored once for every node, each opening on the timeline.</summary>
[Collection(AppCollection.Name)]
public sealed class EvidenceTests : PortalTest
{
    /// <summary>A real photo: a JPEG of the given size.</summary>
    public static byte[] Photo(int width = 1200, int height = 900)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            using var paint = new SKPaint { Color = SKColors.Orange };
            canvas.DrawCircle(width / 2f, height / 2f, height / 3f, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Jpeg, 85).ToArray();
    }

    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    /// <summary>The start of a Linux program (ELF), as a renamed one would have.</summary>
    public static readonly byte[] Program = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x00, 0x3E, 0x00];

    private async Task<(Complaint Complaint, EvidenceService Evidence, Actor Desk)> CaseAsync(CarePortalApp app)
    {
        var scope = app.Services.CreateAsyncScope();
        var desk = await app.ActorOfAsync("desk");
        var complaint = (await scope.ServiceProvider.GetRequiredService<ComplaintService>().RegisterAsync(CaseBuilder.Intake(), desk)).Complaint!;
        return (complaint, scope.ServiceProvider.GetRequiredService<EvidenceService>(), desk);
    }

    [Fact]
    public async Task A_renamed_program_a_path_in_the_name_and_an_unknown_kind_are_refused_and_nothing_is_stored()
    {
        var (complaint, evidence, desk) = await CaseAsync(App);

        var added = await evidence.AddAsync(complaint.Id, null,
            [new("photo.jpg", Program), new("../../etc/passwd.jpg", Photo()), new("setup.exe", Program), new("空的.pdf", [])], desk);

        Assert.Null(added.Refusal);
        Assert.Equal(
            [("photo.jpg", "Evidence.NotWhatItsNameSays"), ("../../etc/passwd.jpg", "Evidence.PathInName"), ("setup.exe", "Evidence.KindNotTaken"), ("空的.pdf", "Evidence.Empty")],
            added.Files.Select(f => (f.FileName, f.Problem!)));
        await using var db = App.OpenDatabase();
        Assert.Equal((0, 0), (await db.CaseFiles.CountAsync(), await db.StoredFiles.CountAsync()));
        Assert.DoesNotContain(await db.TimelineEntries.Where(t => t.ComplaintId == complaint.Id).Select(t => t.Action).ToListAsync(), a => a == ComplaintAction.AddFiles);

        // A JPEG's first bytes with anything after them is no photo either: it must decode.
        byte[] fakePhoto = [0xFF, 0xD8, 0xFF, 0xE0, .. Program];
        Assert.Equal("Evidence.NotWhatItsNameSays", (await evidence.AddAsync(complaint.Id, null, [new("photo.jpg", fakePhoto)], desk)).Files.Single().Problem);
    }

    [Fact]
    public async Task Photos_get_thumbnails_files_download_over_http_each_opening_is_on_the_timeline_and_a_head_of_another_department_gets_nothing()
    {
        var (complaint, evidence, desk) = await CaseAsync(App);
        var photo = Photo();
        var added = await evidence.AddAsync(complaint.Id, null, [new("漏水照片.jpg", photo), new("扫描件.pdf", Pdf)], desk);
        Assert.All(added.Files, f => Assert.Null(f.Problem));
        var (photoId, pdfId) = (added.Files[0].FileId!.Value, added.Files[1].FileId!.Value);

        var (client, _) = await App.SignInAsync("desk");
        using var full = await client.GetAsync($"{EvidenceFeature.FileLink(complaint.Id, photoId)}?inline=true");
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal(photo, await full.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/jpeg", full.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", full.Headers.GetValues("X-Content-Type-Options").Single());

        using var thumbnail = await client.GetAsync(EvidenceFeature.ThumbnailLink(complaint.Id, photoId));
        using (var small = SKBitmap.Decode(await thumbnail.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal((Thumbnails.Size, Thumbnails.Size * 3 / 4), (small.Width, small.Height));
        }

        // A PDF is always a download, even asked to open in place.
        using var pdf = await client.GetAsync($"{EvidenceFeature.FileLink(complaint.Id, pdfId)}?inline=true");
        Assert.Equal(Pdf, await pdf.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", pdf.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("扫描件.pdf", pdf.Content.Headers.ContentDisposition.FileNameStar);

        // The case is not yet dispatched: a department's head sees neither it nor its files.
        var (head, _) = await App.SignInAsync("head");
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync(EvidenceFeature.FileLink(complaint.Id, photoId))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync(EvidenceFeature.ThumbnailLink(complaint.Id, photoId))).StatusCode);
        // Nor does a file answer under another case's number.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(EvidenceFeature.FileLink(complaint.Id + 1, photoId))).StatusCode);

        // Added once, opened twice (the thumbnail is not an opening); a step begun before still saves.
        await using var db = App.OpenDatabase();
        var timeline = await db.TimelineEntries.Where(t => t.ComplaintId == complaint.Id).OrderBy(t => t.Id).Select(t => new { t.Action, t.Note, t.ActorName }).ToListAsync();
        Assert.Equal(
            [(ComplaintAction.Register, null), (ComplaintAction.AddFiles, "漏水照片.jpg、扫描件.pdf"), (ComplaintAction.DownloadFile, "漏水照片.jpg"), (ComplaintAction.DownloadFile, "扫描件.pdf")],
            timeline.Select(t => (t.Action, t.Note)));
        var registeredStep = await db.TimelineEntries.Where(t => t.ComplaintId == complaint.Id).MinAsync(t => t.Id);
        var complaints = App.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<ComplaintService>();
        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Confirm) { SeenStepId = registeredStep }, desk));

        // Deleting: not the head's (he may not see the case), the desk's who added it; the content goes.
        Assert.Equal("Refusal.NotFound", (await evidence.DeleteAsync(complaint.Id, pdfId, await App.ActorOfAsync("head")))?.Code);
        Assert.Null(await evidence.DeleteAsync(complaint.Id, pdfId, desk));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(EvidenceFeature.FileLink(complaint.Id, pdfId))).StatusCode);
        Assert.Equal(["漏水照片.jpg"], (await evidence.ListAsync(complaint.Id, desk))!.Select(f => f.FileName));
    }

    [Fact]
    public async Task A_case_takes_no_more_than_its_limit_and_a_closed_case_none()
    {
        var (complaint, evidence, desk) = await CaseAsync(App);
        byte[] big = [.. Pdf, .. new byte[9 * 1024 * 1024]];
        for (var i = 0; i < 5; i++)
        {
            Assert.Null((await evidence.AddAsync(complaint.Id, null, [new($"大文件{i}.pdf", big)], desk)).Files.Single().Problem);
        }

        Assert.Equal("Evidence.CaseFull", (await evidence.AddAsync(complaint.Id, null, [new("再一个.pdf", big)], desk)).Files.Single().Problem);
        Assert.Equal("Evidence.TooLarge", (await evidence.AddAsync(complaint.Id, null, [new("太大.pdf", [.. Pdf, .. new byte[11 * 1024 * 1024]])], desk)).Files.Single().Problem);
        Assert.Equal("Evidence.TooManyAtOnce", (await evidence.AddAsync(complaint.Id, null, Enumerable.Range(0, 11).Select(i => new FileUpload($"{i}.pdf", Pdf)).ToList(), desk)).Refusal?.Code);
    }

    [Fact]
    public async Task A_return_visits_files_join_its_cases_evidence_and_a_follow_up_of_another_case_takes_none()
    {
        var staff = await SlaScenario.StaffAsync(App);
        var complaint = await SlaScenario.DispatchedCaseAsync(App, staff);
        var other = await SlaScenario.DispatchedCaseAsync(App, staff);
        await using var scope = App.Services.CreateAsyncScope();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var evidence = scope.ServiceProvider.GetRequiredService<EvidenceService>();
        var head = await App.ActorOfAsync("head");
        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.StartInvestigation), head));
        Assert.Null(await complaints.ApplyAsync(complaint.Id, CaseBuilder.ValidStep(ComplaintAction.ProposeResolution).Command with { CauseCodeId = await App.CauseAsync() }, head));
        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.InformCustomer), staff.DeskActor));
        int visitId;
        await using (var db = App.OpenDatabase())
        {
            visitId = await db.FollowUps.Where(f => f.ComplaintId == complaint.Id).Select(f => f.Id).SingleAsync();
        }

        Assert.Equal("Refusal.NotFound", (await evidence.AddAsync(other.Id, visitId, [new("回访签字.jpg", Photo())], staff.DeskActor)).Refusal?.Code);
        Assert.Null((await evidence.AddAsync(complaint.Id, visitId, [new("回访签字.jpg", Photo())], staff.DeskActor)).Files.Single().Problem);
        var file = Assert.Single((await evidence.ListAsync(complaint.Id, staff.DeskActor))!);
        Assert.Equal(("回访签字.jpg", (int?)visitId), (file.FileName, file.FollowUpId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Files_added_on_one_node_are_read_back_on_another_sharing_the_database_or_a_folder(bool inAFolder)
    {
        using var shared = new TempFolder();
        var settings = new Dictionary<string, string>();
        if (inAFolder)
        {
            settings["Attachments:Folder"] = shared.Path;
        }

        await using var first = new CarePortalApp(CarePortalApp.WorkingMorning, settings);
        var (complaint, evidence, desk) = await CaseAsync(first);
        var photo = Photo(640, 480);
        var fileId = (await evidence.AddAsync(complaint.Id, null, [new("现场.jpg", photo)], desk)).Files.Single().FileId!.Value;

        await using var second = new CarePortalApp(CarePortalApp.WorkingMorning, new Dictionary<string, string>(settings) { ["ConnectionStrings:Sqlite"] = $"Data Source={first.DatabaseFile}" });
        var (client, _) = await second.SignInAsync("desk");
        Assert.Equal(photo, await client.GetByteArrayAsync($"{EvidenceFeature.FileLink(complaint.Id, fileId)}?inline=true"));
        await using var db = first.OpenDatabase();
        Assert.Equal(inAFolder ? 0 : 2, await db.StoredFiles.CountAsync());
        Assert.Equal(inAFolder ? 2 : 0, Directory.GetFiles(shared.Path).Length);
    }
}
