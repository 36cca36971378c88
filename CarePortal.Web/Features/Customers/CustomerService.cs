using CarePortal.Domain.Complaints;
using CarePortal.Domain.Audit;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Staff;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Customers;

/// <summary>Loads the customer directory as each viewer may see it; reveals are audited.</summary>
public sealed class CustomerService(IDbContextFactory<CareDbContext> dbFactory, CompanyClock clock, ILogger<CustomerService> logger)
{
    public async Task<CustomerPage> ListAsync(CustomerQuery query, Actor viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var customers = db.Customers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            customers = customers.Where(c => c.Name.Contains(term) || c.Segment.Contains(term) || c.Phone.EndsWith(term));
        }

        customers = customers.Matching(tier: query.Tier, kind: query.Kind, tag: query.Tag);

        var total = await customers.CountAsync(cancellationToken);
        var page = await customers.OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Skip(query.Page * query.PageSize).Take(query.PageSize)
            .ToListAsync(cancellationToken);
        var managers = await ManagerNamesAsync(db, page.Select(c => c.AccountManagerId), cancellationToken);
        return new CustomerPage(page.Select(c => View(c, viewer, managers)).ToList(), total);
    }

    public async Task<CustomerDetails?> GetAsync(int customerId, Actor viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var customer = await db.Customers.AsNoTracking().Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var managers = await ManagerNamesAsync(db, [customer.AccountManagerId], cancellationToken);
        // Only the cases the viewer may open (a head: their department's, ComplaintScope).
        var complaints = await db.Complaints.AsNoTracking()
            .Where(c => c.CustomerId == customerId)
            .Where(ComplaintScope.VisibleTo(await db.AsTheyAreNowAsync(viewer, cancellationToken)))
            .Select(c => new CustomerEvent(c.AcceptedAtUtc, c.Id, c.AcceptanceNumber, c.Status, null, null, c.Satisfaction, c.Reason))
            .ToListAsync(cancellationToken);
        var followUps = await db.FollowUps.AsNoTracking()
            .Where(f => f.CustomerId == customerId)
            .Select(f => new CustomerEvent(f.CompletedAtUtc ?? f.PlannedAtUtc, f.ComplaintId, null, null, f.Kind, f.Status, f.Satisfaction, f.Outcome ?? f.Purpose))
            .ToListAsync(cancellationToken);

        // One timeline, newest first (greetings join it with the care campaigns).
        var timeline = complaints.Concat(followUps).OrderByDescending(e => e.AtUtc).ToList();
        return new CustomerDetails(View(customer, viewer, managers), timeline);
    }

    /// <summary>Creates or updates a customer; returns the customer's id, or the errors by field.</summary>
    /// <remarks>A database that fails the save answers with the "not saved" code under <see cref="CustomerEdit.NotSaved"/>.</remarks>
    public Task<(int? Id, IReadOnlyDictionary<string, string> Errors)> SaveAsync(CustomerEdit edit, Actor editor, CancellationToken cancellationToken = default) =>
        SaveOnceAsync(edit, editor, cancellationToken).OrNotSavedAsync(
            r => ((int?)null, (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { [CustomerEdit.NotSaved] = r.Code }), logger, "Customer", edit.Id);

    private async Task<(int? Id, IReadOnlyDictionary<string, string> Errors)> SaveOnceAsync(CustomerEdit edit, Actor editor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Customer customer;
        if (edit.Id is { } id)
        {
            var existing = await db.Customers.Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (existing is null)
            {
                return (null, new Dictionary<string, string> { [nameof(CustomerEdit.Name)] = "Customers.NotFound" });
            }

            customer = existing;

            // Only someone who sees the personal data in full may change it.
            edit.EditsPersonalData = PersonalData.SeesInFull(editor, customer.AccountManagerId);
        }
        else
        {
            customer = new Customer { Name = edit.Name.Trim() };
            edit.EditsPersonalData = true;
        }

        var errors = edit.Validate();
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        customer.Name = edit.Name.Trim();
        customer.Kind = edit.Kind;
        customer.Tier = edit.Tier;
        customer.Segment = edit.Segment.Trim();
        customer.Tags = CustomerTags.Normalise(edit.Tags);
        customer.AccountManagerId = edit.AccountManagerId;
        customer.PreferredChannel = edit.PreferredChannel;
        customer.GreetingOptOut = edit.GreetingOptOut;
        customer.Birthday = edit.Birthday;
        if (edit.EditsPersonalData)
        {
            (customer.Phone, customer.Email, customer.Address) = (edit.Phone.Trim(), edit.Email.Trim(), edit.Address.Trim());
        }

        SaveContacts(customer, edit);
        if (edit.Id is null)
        {
            db.Customers.Add(customer);
        }

        await db.SaveChangesAsync(cancellationToken);
        return (customer.Id, errors);
    }

    /// <summary>Contacts kept, changed, added and removed as edited; their phones follow the same rule as the customer's.</summary>
    private static void SaveContacts(Customer customer, CustomerEdit edit)
    {
        var kept = edit.Contacts.Where(c => c.Id is not null).Select(c => c.Id!.Value).ToHashSet();
        customer.Contacts.RemoveAll(c => !kept.Contains(c.Id));
        foreach (var contact in edit.Contacts)
        {
            var saved = contact.Id is { } contactId ? customer.Contacts.SingleOrDefault(c => c.Id == contactId) : null;
            if (saved is null)
            {
                saved = new CustomerContact { Name = contact.Name.Trim() };
                customer.Contacts.Add(saved);
            }

            saved.Name = contact.Name.Trim();
            saved.Title = contact.Title.Trim();
            saved.Birthday = contact.Birthday;
            if (edit.EditsPersonalData)
            {
                saved.Phone = contact.Phone.Trim();
            }
        }
    }

    /// <summary>The account manager's user id of a customer (the views carry only the name).</summary>
    public async Task<string?> AccountManagerOfAsync(int customerId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Customers.Where(c => c.Id == customerId).Select(c => c.AccountManagerId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Shows one masked field in full and writes who saw it, when, to the audit log.</summary>
    public async Task<string?> RevealAsync(int customerId, string field, Actor viewer, CancellationToken cancellationToken = default)
    {
        if (!PersonalData.Fields.Contains(field))
        {
            throw new ArgumentOutOfRangeException(nameof(field));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        db.Audit(viewer, clock.UtcNow, AuditAction.Revealed, AuditSubject.Customer, customerId, field);
        await db.SaveChangesAsync(cancellationToken);
        return field switch
        {
            PersonalData.Phone => customer.Phone,
            PersonalData.Email => customer.Email,
            _ => customer.Address,
        };
    }

    /// <summary>Directory entries matching what the desk typed (name, or the phone's last digits).</summary>
    public async Task<IEnumerable<CustomerOption>> SuggestAsync(string? term, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(term))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var text = term.Trim();
        var found = await db.Customers.AsNoTracking()
            .Where(c => c.Name.Contains(text) || c.Phone.EndsWith(text))
            .OrderBy(c => c.Name)
            .Take(10)
            .Select(c => new { c.Id, c.Name, c.Phone, c.Tier })
            .ToListAsync(cancellationToken);
        return found.Select(c => new CustomerOption(c.Id, c.Name, PersonalData.MaskPhone(c.Phone), c.Tier)).ToList();
    }

    private static CustomerView View(Customer customer, Actor viewer, IReadOnlyDictionary<string, string> managers)
    {
        var inFull = PersonalData.SeesInFull(viewer, customer.AccountManagerId);
        string Shown(string field, string value) => inFull ? value : PersonalData.Mask(field, value);
        return new CustomerView(
            customer.Id,
            customer.Name,
            customer.Kind,
            customer.Tier,
            customer.Segment,
            customer.TagList,
            Shown(PersonalData.Phone, customer.Phone),
            Shown(PersonalData.Email, customer.Email),
            Shown(PersonalData.Address, customer.Address),
            inFull,
            customer.AccountManagerId is { } id && managers.TryGetValue(id, out var name) ? name : null,
            customer.PreferredChannel,
            customer.GreetingOptOut,
            customer.Birthday,
            customer.LastContactAtUtc,
            customer.Contacts.Select(c => new CustomerContact
            {
                Id = c.Id, CustomerId = c.CustomerId, Name = c.Name, Title = c.Title, Birthday = c.Birthday,
                Phone = inFull ? c.Phone : PersonalData.MaskPhone(c.Phone),
            }).ToList());
    }

    private static async Task<IReadOnlyDictionary<string, string>> ManagerNamesAsync(CareDbContext db, IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<string>().Distinct().ToList();
        return wanted.Count == 0
            ? new Dictionary<string, string>()
            : await db.Users.Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }
}
