using SkiaSharp;

namespace CarePortal.Web.Features.Evidence;

/// <summary>A photo's small copy for the case page, made once at upload; decoding it also proves the file is an image.</summary>
public static class Thumbnails
{
    /// <summary>The longer side of a thumbnail, in pixels.</summary>
    public const int Size = 320;

    /// <summary>A JPEG at most <see cref="Size"/> pixels on its longer side, or null when the content does not decode as an image.</summary>
    public static byte[]? Make(byte[] content)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(content));
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            return null;
        }

        using var original = SKBitmap.Decode(codec);
        if (original is null)
        {
            return null;
        }

        var scale = Math.Min(1.0, (double)Size / Math.Max(original.Width, original.Height));
        var info = new SKImageInfo(Math.Max(1, (int)(original.Width * scale)), Math.Max(1, (int)(original.Height * scale)));
        using var small = original.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        if (small is null)
        {
            return null;
        }

        using var image = SKImage.FromBitmap(small);
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        return jpeg?.ToArray();
    }
}
