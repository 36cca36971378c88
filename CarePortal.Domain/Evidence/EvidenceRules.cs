using System.Text;

namespace CarePortal.Domain.Evidence;

/// <summary>What a file of evidence is, by its content: shown as a thumbnail, or listed.</summary>
public enum EvidenceKind
{
    Image,
    Pdf,
    Office,
}

/// <summary>A file as its content proves it to be: its kind and the content type it is served with.</summary>
public sealed record EvidenceType(EvidenceKind Kind, string ContentType);

/// <summary>
/// Which files a case takes as evidence (issue 17, 「應收集相關證據」): photos, scanned letters (PDF),
/// Office documents, each checked by its content, never by its name alone: the name's extension
/// must say what the first bytes are, so a renamed program is refused. Pure: the caller hands in the bytes.
/// </summary>
public static class EvidenceRules
{
    /// <summary>The largest file one upload takes.</summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>The most all of a case's files (not deleted) may hold together.</summary>
    public const long MaxCaseBytes = 50 * 1024 * 1024;

    /// <summary>The most files one upload takes at once.</summary>
    public const int MaxFilesAtOnce = 10;

    public const int NameMax = 200;

    /// <summary>What the file picker offers (the check below decides).</summary>
    public const string Accept = ".jpg,.jpeg,.png,.gif,.webp,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx";

    private static readonly Dictionary<string, (EvidenceKind Kind, string ContentType, Func<byte[], bool> Proof)> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = (EvidenceKind.Image, "image/jpeg", IsJpeg),
        [".jpeg"] = (EvidenceKind.Image, "image/jpeg", IsJpeg),
        [".png"] = (EvidenceKind.Image, "image/png", b => StartsWith(b, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])),
        [".gif"] = (EvidenceKind.Image, "image/gif", b => StartsWith(b, "GIF87a"u8) || StartsWith(b, "GIF89a"u8)),
        [".webp"] = (EvidenceKind.Image, "image/webp", b => StartsWith(b, "RIFF"u8) && b.Length > 12 && b.AsSpan(8, 4).SequenceEqual("WEBP"u8)),
        [".pdf"] = (EvidenceKind.Pdf, "application/pdf", b => StartsWith(b, "%PDF-"u8)),
        [".docx"] = (EvidenceKind.Office, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b => IsOfficeOpenXml(b, "word/")),
        [".xlsx"] = (EvidenceKind.Office, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b => IsOfficeOpenXml(b, "xl/")),
        [".pptx"] = (EvidenceKind.Office, "application/vnd.openxmlformats-officedocument.presentationml.presentation", b => IsOfficeOpenXml(b, "ppt/")),
        [".doc"] = (EvidenceKind.Office, "application/msword", IsCompoundDocument),
        [".xls"] = (EvidenceKind.Office, "application/vnd.ms-excel", IsCompoundDocument),
        [".ppt"] = (EvidenceKind.Office, "application/vnd.ms-powerpoint", IsCompoundDocument),
    };

    /// <summary>
    /// Why the file cannot be taken (a message code), or null: a name with a path or nothing to it, a
    /// kind not taken, content that is not what the name says, empty, over the file limit, or over the
    /// case's limit with the <paramref name="caseBytes"/> it already holds.
    /// </summary>
    public static string? Problem(string fileName, byte[] content, long caseBytes)
    {
        if (NameProblem(fileName) is { } bad)
        {
            return bad;
        }

        if (!ByExtension.TryGetValue(Path.GetExtension(fileName), out var expected))
        {
            return "Evidence.KindNotTaken";
        }

        return content.LongLength == 0 ? "Evidence.Empty"
            : content.LongLength > MaxFileBytes ? "Evidence.TooLarge"
            : caseBytes + content.LongLength > MaxCaseBytes ? "Evidence.CaseFull"
            : !expected.Proof(content) ? "Evidence.NotWhatItsNameSays"
            : null;
    }

    /// <summary>Why a file's name is refused: empty, too long, with a folder or a parent in it, control or invisible format characters.</summary>
    public static string? NameProblem(string fileName) =>
        string.IsNullOrWhiteSpace(fileName) || fileName.Length > NameMax ? "Evidence.BadName"
        : fileName.IndexOfAny(['/', '\\', ':']) >= 0 || fileName.Contains("..", StringComparison.Ordinal) || fileName.Any(char.IsControl) ? "Evidence.PathInName"
        // A right-to-left override or another invisible format character makes "exe.jpg" read as something else.
        : fileName.Any(c => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format) ? "Evidence.BadName"
        : Path.GetFileNameWithoutExtension(fileName).Trim().Length == 0 ? "Evidence.BadName"
        : null;

    /// <summary>The kind and content type of a file <see cref="Problem"/> accepted.</summary>
    public static EvidenceType TypeOf(string fileName)
    {
        var (kind, contentType, _) = ByExtension[Path.GetExtension(fileName)];
        return new EvidenceType(kind, contentType);
    }

    private static bool StartsWith(byte[] content, ReadOnlySpan<byte> prefix) => content.AsSpan().StartsWith(prefix);

    private static bool IsJpeg(byte[] content) => StartsWith(content, [0xFF, 0xD8, 0xFF]);

    // OLE2 compound document: the legacy .doc, .xls and .ppt.
    private static bool IsCompoundDocument(byte[] content) => StartsWith(content, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);

    // A ZIP whose entries name the package's content types and the part of its own application:
    // a ZIP of anything else (or a renamed .jar, .apk) is not a Word, Excel or PowerPoint file.
    private static bool IsOfficeOpenXml(byte[] content, string partFolder) =>
        StartsWith(content, "PK\u0003\u0004"u8)
        && Contains(content, "[Content_Types].xml"u8)
        && Contains(content, Encoding.ASCII.GetBytes(partFolder));

    private static bool Contains(byte[] content, ReadOnlySpan<byte> part) => content.AsSpan().IndexOf(part) >= 0;
}
