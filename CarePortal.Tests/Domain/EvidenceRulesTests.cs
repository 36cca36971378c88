using System.IO.Compression;
using CarePortal.Domain.Evidence;

namespace CarePortal.Tests.Domain;

/// <summary>Which files a case takes as evidence: by content, never by name alone (issue 17 item 3).</summary>
public sealed class EvidenceRulesTests
{
    private static byte[] Zip(params string[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
                writer.Write("<x/>");
            }
        }

        return stream.ToArray();
    }

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];

    [Fact]
    public void Each_kind_is_taken_when_its_content_is_what_its_name_says()
    {
        Assert.Null(EvidenceRules.Problem("图.PNG", Png, 0));
        Assert.Null(EvidenceRules.Problem("签呈.docx", Zip("[Content_Types].xml", "word/document.xml"), 0));
        Assert.Null(EvidenceRules.Problem("台账.xlsx", Zip("[Content_Types].xml", "xl/workbook.xml"), 0));
        Assert.Null(EvidenceRules.Problem("旧表.xls", Ole, 0));
        Assert.Equal(new EvidenceType(EvidenceKind.Office, "application/vnd.ms-excel"), EvidenceRules.TypeOf("旧表.xls"));
        Assert.Equal(EvidenceKind.Image, EvidenceRules.TypeOf("图.PNG").Kind);
    }

    [Fact]
    public void A_file_whose_content_is_something_else_is_refused()
    {
        // A spreadsheet named a Word document, any ZIP named docx, a PNG named a PDF.
        Assert.Equal("Evidence.NotWhatItsNameSays", EvidenceRules.Problem("签呈.docx", Zip("[Content_Types].xml", "xl/workbook.xml"), 0));
        Assert.Equal("Evidence.NotWhatItsNameSays", EvidenceRules.Problem("签呈.docx", Zip("classes.dex", "AndroidManifest.xml"), 0));
        Assert.Equal("Evidence.NotWhatItsNameSays", EvidenceRules.Problem("扫描件.pdf", Png, 0));
        Assert.Equal("Evidence.KindNotTaken", EvidenceRules.Problem("脚本.html", "<script>"u8.ToArray(), 0));
        Assert.Equal("Evidence.KindNotTaken", EvidenceRules.Problem("无扩展名", Png, 0));
    }

    [Theory]
    [InlineData("../photo.png", "Evidence.PathInName")]
    [InlineData("C:\\photo.png", "Evidence.PathInName")]
    [InlineData("dir/photo.png", "Evidence.PathInName")]
    [InlineData("photo\u0000.png", "Evidence.PathInName")]
    [InlineData(" ", "Evidence.BadName")]
    [InlineData(".png", "Evidence.BadName")]
    [InlineData("photo\u202Egnp.exe.png", "Evidence.BadName")]
    [InlineData("现场 照片 (1).png", null)]
    public void A_name_with_a_path_or_nothing_to_it_is_refused(string name, string? problem) =>
        Assert.Equal(problem, EvidenceRules.NameProblem(name));

    [Fact]
    public void The_limits_are_per_file_and_per_case()
    {
        byte[] justUnder = [.. Png, .. new byte[EvidenceRules.MaxFileBytes - Png.Length]];
        Assert.Null(EvidenceRules.Problem("大.png", justUnder, 0));
        Assert.Equal("Evidence.TooLarge", EvidenceRules.Problem("大.png", [.. justUnder, 0], 0));
        Assert.Equal("Evidence.CaseFull", EvidenceRules.Problem("大.png", justUnder, EvidenceRules.MaxCaseBytes - EvidenceRules.MaxFileBytes + 1));
        Assert.Equal("Evidence.Empty", EvidenceRules.Problem("空.png", [], 0));
    }
}
