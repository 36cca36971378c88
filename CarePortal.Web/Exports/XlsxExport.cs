using System.IO.Compression;
using System.Security;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CarePortal.Web.Exports;

/// <summary>
/// The portal's one Excel writer for files of any length: one sheet of text cells, written row by
/// row (Open XML SDK's SAX <see cref="OpenXmlWriter"/>, inline strings, so no shared-string table
/// grows with the file) into a zip that goes out to <c>output</c> as it is written. What the
/// process holds is a row and about <see cref="DrainBytes"/> of compressed bytes, whatever the
/// number of rows; ClosedXML would hold the whole workbook and a copy of the file. Every cell is
/// text (style "@"), so phone numbers keep their leading zeros and no cell is read as a formula.
/// </summary>
public static class XlsxExport
{
    /// <summary>How many compressed bytes are gathered before they go out to the response.</summary>
    public const int DrainBytes = 64 * 1024;

    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";

    public static async Task WriteAsync(Stream output, string sheetName, IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<string>> rows, CancellationToken cancellationToken)
    {
        // The zip writes synchronously; it writes into this buffer, which goes out asynchronously
        // (the response refuses synchronous writes), so memory stays at about one drain's worth.
        var buffer = new ForwardOnlyBuffer();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml",
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
                "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" +
                "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>" +
                "</Types>");
            Entry(zip, "_rels/.rels",
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>" +
                "</Relationships>");
            Entry(zip, "xl/workbook.xml",
                "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" +
                $"<sheets><sheet name=\"{SecurityElement.Escape(SheetName(sheetName))}\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Entry(zip, "xl/_rels/workbook.xml.rels",
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
                "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>" +
                "</Relationships>");
            Entry(zip, "xl/styles.xml",
                "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" +
                "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>" +
                "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>" +
                "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>" +
                "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>" +
                "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>" +
                "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>" +
                "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>" +
                "</styleSheet>");

            var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
            using (var part = sheet.Open())
            using (var writer = OpenXmlWriter.Create(part, Encoding.UTF8))
            {
                writer.WriteStartDocument(true);
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                var rowNumber = 1u;
                WriteRow(writer, rowNumber, headers);
                await foreach (var row in rows.WithCancellation(cancellationToken))
                {
                    WriteRow(writer, ++rowNumber, row);
                    if (buffer.Length >= DrainBytes)
                    {
                        await buffer.DrainToAsync(output, cancellationToken);
                    }
                }

                writer.WriteEndElement();
                writer.WriteEndElement();
            }
        }

        await buffer.DrainToAsync(output, cancellationToken);
    }

    private static void Entry(ZipArchive zip, string name, string xml)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        var bytes = Encoding.UTF8.GetBytes(Declaration + xml);
        stream.Write(bytes);
    }

    private static void WriteRow(OpenXmlWriter writer, uint rowNumber, IReadOnlyList<string> cells)
    {
        writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", rowNumber.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        for (var column = 0; column < cells.Count; column++)
        {
            writer.WriteElement(new Cell(new InlineString(new Text(XmlSafe(cells[column])) { Space = SpaceProcessingModeValues.Preserve }))
            {
                CellReference = ColumnName(column) + rowNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
                DataType = CellValues.InlineString,
                StyleIndex = 1,
            });
        }

        writer.WriteEndElement();
    }

    /// <summary>A: column 0, Z: 25, AA: 26.</summary>
    public static string ColumnName(int column)
    {
        var name = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>Excel's sheet names: at most 31 characters, none of <c>[]:*?/\</c>.</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Where(c => "[]:*?/\\".IndexOf(c) < 0).ToArray()).Trim();
        return clean.Length == 0 ? "Sheet1" : clean[..Math.Min(31, clean.Length)];
    }

    /// <summary>The text without characters XML 1.0 cannot carry (control characters other than tab and line breaks).</summary>
    private static string XmlSafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!XmlConvert.IsXmlChar(text[i]) && !char.IsSurrogate(text[i]))
            {
                return new string(text.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c)).ToArray());
            }
        }

        return text;
    }

    /// <summary>
    /// What the zip writes, held until it is drained: not seekable, so the zip writes each entry's
    /// sizes after its data (data descriptors) and never goes back into bytes already sent.
    /// </summary>
    private sealed class ForwardOnlyBuffer : Stream
    {
        private readonly MemoryStream _pending = new();
        private long _written;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _pending.Length;
        public override long Position { get => _written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _pending.Write(buffer);
            _written += buffer.Length;
        }

        public async Task DrainToAsync(Stream output, CancellationToken cancellationToken)
        {
            if (_pending.Length > 0)
            {
                await output.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
                _pending.SetLength(0);
            }

            await output.FlushAsync(cancellationToken);
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
