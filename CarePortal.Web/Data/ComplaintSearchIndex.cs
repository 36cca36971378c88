using CarePortal.Domain.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;

namespace CarePortal.Web.Data;

/// <summary>One gram of a case's customer name (<see cref="CaseSearch.IndexGrams"/>): the queue's search finds the case by it.</summary>
public sealed class ComplaintSearchToken
{
    public string Token { get; init; } = "";
    public int ComplaintId { get; init; }
}

/// <summary>
/// What the queue's search reads instead of the case's own columns, kept in step by every save
/// (docs/decisions/0015-indexed-queue-search.md): the customer name normalized
/// (<see cref="NameKey"/>, null while a case saved before the index has not been filled yet) with
/// its grams in <see cref="ComplaintSearchToken"/>, and the phone's digits (<see cref="PhoneKey"/>, and backwards <see cref="PhoneEndKey"/>).
/// A case has its grams exactly when its name key is not null.
/// </summary>
public static class ComplaintSearchIndex
{
    /// <summary>The normalized customer name (<see cref="CaseSearch.Normalize"/>), a shadow column of the complaint.</summary>
    public const string NameKey = "CustomerNameKey";

    /// <summary>The phone's digits (<see cref="CaseSearch.PhoneKey"/>), a shadow column of the complaint.</summary>
    public const string PhoneKey = "CustomerPhoneKey";

    /// <summary>The phone's digits backwards (<see cref="CaseSearch.ReversedPhoneKey"/>): its ending found by an index.</summary>
    public const string PhoneEndKey = "CustomerPhoneEndKey";

    private const int BackfillBatch = 500;

    /// <summary>
    /// Before a save: a new case gets its keys and grams, a case whose customer name changed loses the
    /// grams of the old name and gets those of the new one, a changed phone its new digits. Writes
    /// made around the context (raw SQL, ExecuteUpdate) are not seen: they must keep the index themselves.
    /// </summary>
    internal static void KeepInStep(CareDbContext db)
    {
        var tokens = db.Set<ComplaintSearchToken>();
        foreach (var entry in db.ChangeTracker.Entries<Complaint>().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList())
        {
            var nameKey = entry.Property<string?>(NameKey);
            var renamed = entry.State == EntityState.Added || entry.Property(c => c.CustomerName).IsModified || nameKey.CurrentValue is null;
            if (renamed)
            {
                var id = entry.Property(c => c.Id).CurrentValue;
                var before = nameKey.CurrentValue is { } oldKey ? CaseSearch.IndexGrams(oldKey) : [];
                var after = CaseSearch.IndexGrams(entry.Entity.CustomerName);
                foreach (var gone in before.Except(after, StringComparer.Ordinal))
                {
                    tokens.Remove(Tracked(tokens, gone, id));
                }

                foreach (var added in after.Except(before, StringComparer.Ordinal))
                {
                    // A new case's id is a temporary value until it is inserted; the token's follows it.
                    tokens.Add(new ComplaintSearchToken { Token = added, ComplaintId = id });
                }

                nameKey.CurrentValue = CaseSearch.Normalize(entry.Entity.CustomerName);
            }

            if (entry.State == EntityState.Added || entry.Property(c => c.CustomerPhone).IsModified)
            {
                entry.Property<string?>(PhoneKey).CurrentValue = CaseSearch.PhoneKey(entry.Entity.CustomerPhone);
                entry.Property<string?>(PhoneEndKey).CurrentValue = CaseSearch.ReversedPhoneKey(entry.Entity.CustomerPhone);
            }
        }
    }

    private static ComplaintSearchToken Tracked(DbSet<ComplaintSearchToken> tokens, string token, int complaintId) =>
        tokens.Local.FirstOrDefault(t => t.Token == token && t.ComplaintId == complaintId)
        ?? tokens.Attach(new ComplaintSearchToken { Token = token, ComplaintId = complaintId }).Entity;

    /// <summary>
    /// Fills the index for the cases saved before it existed (their name key is null), batch after
    /// batch, each batch in one transaction. Idempotent: it runs at every start and finds nothing to do
    /// once every case is indexed; a case indexed meanwhile by a save is left as that save wrote it.
    /// Returns how many cases it indexed.
    /// </summary>
    public static async Task<int> BackfillAsync(CareDbContext db, CancellationToken cancellationToken = default)
    {
        var indexed = 0;
        while (true)
        {
            var batch = await db.Complaints.AsNoTracking()
                .Where(c => EF.Property<string?>(c, NameKey) == null)
                .OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.CustomerName, c.CustomerPhone })
                .Take(BackfillBatch)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return indexed;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var connection = db.Database.GetDbConnection();
            await using var update = connection.CreateCommand();
            update.Transaction = transaction.GetDbTransaction();
            update.CommandText = $"UPDATE Complaints SET {NameKey} = @name, {PhoneKey} = @phone, {PhoneEndKey} = @phoneEnd WHERE Id = @id AND {NameKey} IS NULL";
            var (name, phone, phoneEnd, updatedId) = (Parameter(update, "@name"), Parameter(update, "@phone"), Parameter(update, "@phoneEnd"), Parameter(update, "@id"));
            await using var insert = connection.CreateCommand();
            insert.Transaction = update.Transaction;
            insert.CommandText = "INSERT INTO ComplaintSearchTokens (Token, ComplaintId) VALUES (@token, @id)";
            var (token, tokenId) = (Parameter(insert, "@token"), Parameter(insert, "@id"));
            foreach (var complaint in batch)
            {
                (name.Value, phone.Value, phoneEnd.Value, updatedId.Value) =
                    (CaseSearch.Normalize(complaint.CustomerName), CaseSearch.PhoneKey(complaint.CustomerPhone), CaseSearch.ReversedPhoneKey(complaint.CustomerPhone), complaint.Id);
                if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    continue;
                }

                tokenId.Value = complaint.Id;
                foreach (var gram in CaseSearch.IndexGrams(complaint.CustomerName))
                {
                    token.Value = gram;
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }

                indexed++;
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static System.Data.Common.DbParameter Parameter(System.Data.Common.DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
