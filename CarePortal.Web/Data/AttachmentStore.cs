using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Data;

/// <summary>
/// Where the content of uploaded files lives, shared by every node: the database by default
/// (<see cref="DatabaseAttachmentStore"/>), a folder (a share every node mounts) with
/// <c>Attachments:Folder</c> set. Keys are made by the portal (a GUID), never taken from a file's name.
/// </summary>
public interface IAttachmentStore
{
    Task PutAsync(string key, byte[] content, CancellationToken cancellationToken = default);

    /// <summary>The content, or null when the key holds nothing (deleted, or never stored).</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default);

    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}

/// <summary>One stored file's content in the database.</summary>
public sealed class StoredFile
{
    public required string Key { get; set; }
    public required byte[] Content { get; set; }
}

public sealed class AttachmentOptions
{
    public const string Section = "Attachments";

    /// <summary>A folder every node shares; empty keeps the files in the database.</summary>
    public string? Folder { get; set; }
}

internal sealed class DatabaseAttachmentStore(IDbContextFactory<CareDbContext> dbFactory) : IAttachmentStore
{
    public async Task PutAsync(string key, byte[] content, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.StoredFiles.Add(new StoredFile { Key = key, Content = content });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.StoredFiles.Where(f => f.Key == key).Select(f => f.Content).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.StoredFiles.Where(f => f.Key == key).ExecuteDeleteAsync(cancellationToken);
    }
}

internal sealed class FolderAttachmentStore(string folder) : IAttachmentStore
{
    private string PathOf(string key) =>
        Guid.TryParseExact(key, "N", out _) ? Path.Combine(folder, key) : throw new ArgumentException("Not a store key.", nameof(key));

    public async Task PutAsync(string key, byte[] content, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        // Written aside and moved in, so another node never reads half a file.
        var partial = PathOf(key) + ".partial";
        await File.WriteAllBytesAsync(partial, content, cancellationToken);
        File.Move(partial, PathOf(key), overwrite: true);
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        File.Exists(PathOf(key)) ? await File.ReadAllBytesAsync(PathOf(key), cancellationToken) : null;

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }
}

public static class AttachmentStoreExtensions
{
    /// <summary>The attachment store <c>Attachments:Folder</c> names: a folder when set, the database otherwise.</summary>
    public static IServiceCollection AddAttachmentStore(this IServiceCollection services, IConfiguration configuration)
    {
        var folder = configuration.GetSection(AttachmentOptions.Section).Get<AttachmentOptions>()?.Folder;
        if (string.IsNullOrWhiteSpace(folder))
        {
            services.AddSingleton<IAttachmentStore, DatabaseAttachmentStore>();
        }
        else
        {
            services.AddSingleton<IAttachmentStore>(new FolderAttachmentStore(Path.GetFullPath(folder)));
        }

        return services;
    }
}
