using CarePortal.Domain.Complaints;
using CarePortal.Domain;
using CarePortal.Domain.Audit;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Staff;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Features.FollowUps;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Customers;

/// <summary>
/// Loads the customer directory as each viewer may see it and saves edits to it; reveals, naming an
/// account manager and whole-number phone searches are written to the audit trail.
/// </summary>
public sealed class CustomerService(IDbContextFactory<CareDbContext> dbFactory, CompanyClock clock, VisitRuleService visitRules, ILogger<CustomerService> logger)
{
    public async Task<CustomerPage> ListAsync(CustomerQuery query, Actor viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var customers = db.Customers.AsNoTracking();
        var refused = false;
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            var (whole, limited) = await PhoneTermAsync(db, term, viewer, cancellationToken);
            refused = limited;
            var me = viewer.UserId;
            customers = customers.Where(c => c.Name.Contains(term) || c.Segment.Contains(term)
                || (c.AccountManagerId == me && c.Phone.EndsWith(term))
                || (whole != null && c.Phone.Replace(" ", "").Replace("-", "").Replace("+", "") == whole));
        }

        customers = customers.Matching(tier: query.Tier, kind: query.Kind, tag: query.Tag);
        if (query.Status is { } status)
        {
            customers = customers.Where(c => c.Status == status);
        }

        if (query.SourceId is { } source)
        {
            customers = customers.Where(c => c.SourceId == source);
        }

        var total = await customers.CountAsync(cancellationToken);
        var page = await customers.OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Skip(query.Page * query.PageSize).Take(query.PageSize)
            .ToListAsync(cancellationToken);
        var managers = await ManagerNamesAsync(db, page.Select(c => c.AccountManagerId), cancellationToken);
        return new CustomerPage(page.Select(c => View(c, viewer, managers)).ToList(), total, refused);
    }

    /// <summary>How many lines of a customer's history the customer page shows at first, and how many more each "more" adds.</summary>
    public const int TimelinePageSize = 20;

    /// <summary>
    /// The customer and the newest <paramref name="timelineCount"/> lines of their history (complaints
    /// the viewer may open, follow-ups), newest first; <see cref="CustomerDetails.TimelineHasMore"/>
    /// says whether older lines exist. Each source is read newest first and at most one line more than
    /// shown, so a customer with years of history costs no more than the lines the page asked for.
    /// </summary>
    public async Task<CustomerDetails?> GetAsync(int customerId, Actor viewer, CancellationToken cancellationToken = default, int timelineCount = TimelinePageSize)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var customer = await db.Customers.AsNoTracking().Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var take = Math.Max(1, timelineCount);
        var managers = await ManagerNamesAsync(db, [customer.AccountManagerId], cancellationToken);
        // Only the cases the viewer may open (a head: their department's, ComplaintScope).
        var complaints = await db.Complaints.AsNoTracking()
            .Where(c => c.CustomerId == customerId)
            .Where(ComplaintScope.VisibleTo(await db.AsTheyAreNowAsync(viewer, cancellationToken)))
            .OrderByDescending(c => c.AcceptedAtUtc).ThenByDescending(c => c.Id)
            .Take(take + 1)
            .Select(c => new CustomerEvent(c.AcceptedAtUtc, c.Id, c.AcceptanceNumber, c.Status, null, null, c.Satisfaction, c.Reason))
            .ToListAsync(cancellationToken);
        var followUps = await db.FollowUps.AsNoTracking()
            .Where(f => f.CustomerId == customerId)
            .OrderByDescending(f => f.CompletedAtUtc ?? f.PlannedAtUtc).ThenByDescending(f => f.Id)
            .Take(take + 1)
            .Select(f => new CustomerEvent(f.CompletedAtUtc ?? f.PlannedAtUtc, f.ComplaintId, null, null, f.Kind, f.Status, f.Satisfaction, f.Outcome ?? f.Purpose, f.ChangedBy == "" ? null : f.ChangedBy))
            .ToListAsync(cancellationToken);

        // One timeline, newest first (greetings join it with the care campaigns).
        var timeline = complaints.Concat(followUps).OrderByDescending(e => e.AtUtc).ToList();
        return new CustomerDetails(View(customer, viewer, managers), timeline.Take(take).ToList(), timeline.Count > take);
    }

    /// <summary>
    /// Creates a customer, or saves the edited fields of one over the version the editor loaded
    /// (a save from an older copy is refused with who changed it and when). Personal data is taken
    /// only from an editor who sees it in full; the account manager only from a manager or an admin,
    /// and naming one is audited. The input is never written to.
    /// </summary>
    /// <remarks>A database that fails the save answers with the "not saved" refusal.</remarks>
    public Task<CustomerSaveResult> SaveAsync(CustomerInput input, Actor editor, CancellationToken cancellationToken = default) =>
        SaveOnceAsync(input, editor, cancellationToken).OrNotSavedAsync(r => new CustomerSaveResult(null, r), logger, "Customer", input.Id);

    private async Task<CustomerSaveResult> SaveOnceAsync(CustomerInput input, Actor editor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var nowUtc = clock.UtcNow;
        Customer customer;
        bool editsPersonalData;
        string? managerBefore = null;
        ImportedCustomer? historyBefore = null;
        if (input.Id is { } id)
        {
            var existing = await db.Customers.Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (existing is null)
            {
                return new CustomerSaveResult(null, new Refusal("Customers.NotFound"));
            }

            // Saved only over the version the editor loaded: a stale dialog does not undo someone else's change.
            if (existing.Version != input.Version)
            {
                return new CustomerSaveResult(null, Changed(existing));
            }

            customer = existing;
            managerBefore = customer.AccountManagerId;
            historyBefore = CustomerHistory.Of(existing);

            // Only someone who sees the personal data in full may change it.
            editsPersonalData = PersonalData.SeesInFull(editor, customer.AccountManagerId);
        }
        else
        {
            customer = new Customer { Name = input.Name.Trim(), AddedAtUtc = nowUtc, AwaitsFirstContact = true };
            editsPersonalData = true;
        }

        // Naming the account manager makes someone a full viewer: the managers' and admins' decision.
        var managerAfter = string.IsNullOrEmpty(input.AccountManagerId) ? null : input.AccountManagerId;
        if (AccountManagers.Check(editor, managerBefore, managerAfter) is { } notPermitted)
        {
            return new CustomerSaveResult(null, notPermitted);
        }

        var managerNames = await ManagerNamesAsync(db, [managerBefore, managerAfter], cancellationToken);
        if (managerAfter is not null && !managerNames.ContainsKey(managerAfter))
        {
            return new CustomerSaveResult(null, new Refusal("Refusal.AccountManagerUnknown"));
        }

        if (input.SourceId is { } sourceId && !await db.CustomerSources.AnyAsync(s => s.Id == sourceId, cancellationToken))
        {
            return new CustomerSaveResult(null, new Refusal("Sources.NotFound"));
        }

        var errors = input.Check(editsPersonalData);
        if (errors.Count > 0)
        {
            return new CustomerSaveResult(null, FieldErrors: errors);
        }

        var coverChanges = input.Id is null || customer.Tier != input.Tier || customer.Segment != input.Segment.Trim() || customer.Status != input.Status;
        customer.Name = input.Name.Trim();
        customer.Kind = input.Kind;
        customer.Tier = input.Tier;
        customer.Segment = input.Segment.Trim();
        customer.Tags = CustomerTags.Normalise(input.Tags);
        customer.Sites = input.Sites;
        if (input.Id is null || customer.Status != input.Status)
        {
            (customer.Status, customer.StatusSinceUtc) = (input.Status, nowUtc);
        }

        customer.SourceId = input.SourceId;
        customer.AccountManagerId = managerAfter;
        customer.PreferredChannel = input.PreferredChannel;
        customer.GreetingOptOut = input.GreetingOptOut;
        var consents = Consents.Apply(customer, input.ConsentsToService, input.ConsentsToGreetings, input.ConsentsToSurveys, isNew: input.Id is null);
        customer.Birthday = input.Birthday;
        if (editsPersonalData)
        {
            (customer.Phone, customer.Email, customer.Address) = (input.Phone.Trim(), input.Email.Trim(), input.Address.Trim());
        }

        SaveContacts(customer, input, editsPersonalData);
        customer.RecordChange(editor.Name, nowUtc);
        var managerChanged = managerBefore != managerAfter;

        // A new customer's number is known once it is saved: its audit entries join the same transaction.
        await using var transaction = input.Id is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (input.Id is null)
        {
            db.Customers.Add(customer);
            await db.SaveChangesAsync(cancellationToken);
            db.Audit(editor, nowUtc, AuditAction.CustomerAdded, AuditSubject.Customer, customer.Id, detail: customer.Name);
        }

        else
        {
            // The record's history: each changed field, from what to what (shown masked to whoever may not see it).
            foreach (var (field, before, after) in CustomerHistory.Changes(historyBefore!, CustomerHistory.Of(customer)))
            {
                db.Audit(editor, nowUtc, AuditAction.CustomerEdited, AuditSubject.Customer, customer.Id, field, before, after);
            }
        }

        // Each consent given or withdrawn is kept: when, how and recorded by whom.
        db.CustomerConsents.AddRange(consents.Select(c => CustomerConsent.Record(customer.Id, c.Purpose, c.Given, input.ConsentChannel, editor.Name, nowUtc)));

        if (managerChanged)
        {
            db.Audit(editor, nowUtc, AuditAction.AccountManagerChanged, AuditSubject.Customer, customer.Id, AccountManagers.Field,
                managerBefore is null ? null : managerNames.GetValueOrDefault(managerBefore), managerAfter is null ? null : managerNames[managerAfter]);

            // Naming oneself shows what the mask hid: a reveal like any other, logged as one.
            if (input.Id is not null && managerAfter == editor.UserId && !editsPersonalData)
            {
                var contactPhones = string.Join(", ", customer.Contacts.Select(c => c.Phone).Where(p => p.Length > 0));
                foreach (var (field, value) in new[]
                {
                    (PersonalData.Phone, customer.Phone), (PersonalData.Email, customer.Email), (PersonalData.Address, customer.Address),
                    (PersonalData.ContactPhones, contactPhones),
                })
                {
                    if (value.Length > 0)
                    {
                        db.Audit(editor, nowUtc, AuditAction.Revealed, AuditSubject.Customer, customer.Id, field, detail: AccountManagers.Field);
                    }
                }
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between this load and this save.
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now = await fresh.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customer.Id, cancellationToken);
            return new CustomerSaveResult(null, now is null ? new Refusal("Customers.NotFound") : Changed(now));
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        // A new customer, or one whose tier or segment moved, is planned by the visit rules now, not tonight.
        if (coverChanges)
        {
            await visitRules.CustomersChangedAsync([customer.Id], cancellationToken);
        }

        return new CustomerSaveResult(customer.Id);
    }

    private Refusal Changed(Customer customer) =>
        new("Refusal.CustomerChanged", customer.ChangedBy, clock.ToLocal(customer.ChangedAtUtc ?? clock.UtcNow));

    /// <summary>Contacts kept, changed, added and removed as edited; their phones follow the same rule as the customer's.</summary>
    private static void SaveContacts(Customer customer, CustomerInput input, bool editsPersonalData)
    {
        var kept = input.Contacts.Where(c => c.Id is not null).Select(c => c.Id!.Value).ToHashSet();
        customer.Contacts.RemoveAll(c => !kept.Contains(c.Id));
        foreach (var contact in input.Contacts)
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
            if (editsPersonalData)
            {
                saved.Phone = contact.Phone.Trim();
            }
        }
    }

    /// <summary>
    /// The record's history, newest first: who added it, each edit's changed fields and the account
    /// managers named, personal values masked unless <paramref name="viewer"/> sees them in full.
    /// </summary>
    public async Task<IReadOnlyList<CustomerHistoryLine>> HistoryAsync(int customerId, Actor viewer, int count = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var managerId = await db.Customers.Where(c => c.Id == customerId).Select(c => c.AccountManagerId).FirstOrDefaultAsync(cancellationToken);
        var inFull = PersonalData.SeesInFull(viewer, managerId);
        var subject = customerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        AuditAction[] kept = [AuditAction.CustomerAdded, AuditAction.CustomerEdited, AuditAction.AccountManagerChanged, AuditAction.CustomerErased];
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Subject == AuditSubject.Customer && e.SubjectId == subject && kept.Contains(e.Action))
            .OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id).Take(count)
            .ToListAsync(cancellationToken);
        return entries.Select(e => new CustomerHistoryLine(
            e.AtUtc, e.UserName, e.Action, e.Field, CustomerHistory.ShownTo(e.Field, e.Before, inFull), CustomerHistory.ShownTo(e.Field, e.After, inFull))).ToList();
    }

    /// <summary>
    /// Erases a customer's personal data on their request (PIPL; admins only): name, phones,
    /// e-mail, address, birthday and contact persons go, on the record and on their cases (whose
    /// facts and figures stay), with the development outbox's messages to them and the values of
    /// their history in the trail (its entries stay, saying who did what when). The erasure itself
    /// is audited without the erased values.
    /// </summary>
    public async Task<Refusal?> EraseAsync(int customerId, Actor admin, CancellationToken cancellationToken = default)
    {
        if (!admin.IsIn(Roles.Admin))
        {
            return new Refusal("Refusal.NotPermitted");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var customer = await db.Customers.Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return new Refusal("Customers.NotFound");
        }

        var addresses = new[] { customer.Phone, customer.Email }.Concat(customer.Contacts.Select(c => c.Phone)).Where(a => a.Length > 0).ToList();
        var nowUtc = clock.UtcNow;
        customer.Name = CustomerHistory.Erased;
        (customer.Phone, customer.Email, customer.Address, customer.Birthday, customer.Sites) = ("", "", "", null, "");
        customer.GreetingOptOut = true;
        (customer.ConsentsToService, customer.ConsentsToGreetings, customer.ConsentsToSurveys) = (false, false, false);
        customer.Contacts.Clear();
        customer.RecordChange(admin.Name, nowUtc);
        foreach (var complaint in await db.Complaints.Where(c => c.CustomerId == customerId).ToListAsync(cancellationToken))
        {
            complaint.EraseCustomer(CustomerHistory.Erased);
        }

        db.Audit(admin, nowUtc, AuditAction.CustomerErased, AuditSubject.Customer, customerId);
        await db.SaveChangesAsync(cancellationToken);

        // Around the trail's append-only guard, on purpose: the entries stay, the erased values in them go (decision 0019).
        // The records merged into this one are this customer too: their history goes the same way (decision 0021).
        var subjects = await MergedIntoAsync(db, customerId, cancellationToken);
        var fields = CustomerHistory.ErasedFields.ToList();
        var personal = db.AuditEntries.Where(e => e.Subject == AuditSubject.Customer && subjects.Contains(e.SubjectId) && e.Field != null && fields.Contains(e.Field));
        addresses.AddRange((await personal.Where(e => e.Field == PersonalData.Phone || e.Field == PersonalData.Email)
                .Select(e => new { e.Before, e.After }).ToListAsync(cancellationToken))
            .SelectMany(e => new[] { e.Before, e.After }).OfType<string>().Where(a => a.Length > 0 && a != CustomerHistory.Erased));
        await personal.ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Before, e => e.Before == null ? null : CustomerHistory.Erased)
                .SetProperty(e => e.After, e => e.After == null ? null : CustomerHistory.Erased), cancellationToken);
        await db.AuditEntries.Where(e => e.Subject == AuditSubject.Customer && subjects.Contains(e.SubjectId)
                && (e.Action == AuditAction.CustomerAdded || e.Action == AuditAction.CustomersMerged))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Detail, CustomerHistory.Erased), cancellationToken);
        await db.AuditEntries.Where(e => (e.Action == AuditAction.PhoneSearched || e.Action == AuditAction.PhoneSearchRefused) && e.Detail != null && addresses.Contains(e.Detail))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Detail, CustomerHistory.Erased), cancellationToken);
        await db.OutboxMessages.Where(m => addresses.Contains(m.Recipient)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>The customer's number and those of the records merged into it, at any depth (the merges' entries name them).</summary>
    private static async Task<List<string>> MergedIntoAsync(CareDbContext db, int customerId, CancellationToken cancellationToken)
    {
        var subjects = new List<string> { customerId.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        for (var next = subjects.ToList(); next.Count > 0;)
        {
            next = (await db.AuditEntries.Where(e => e.Action == AuditAction.CustomersMerged && next.Contains(e.SubjectId) && e.Before != null)
                    .Select(e => e.Before!).ToListAsync(cancellationToken))
                .Except(subjects).ToList();
            subjects.AddRange(next);
        }

        return subjects;
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

    /// <summary>
    /// Directory entries matching what the user typed: a name, or a phone number as the directory's
    /// search finds it (<see cref="PhoneSearch"/>: the whole number, logged and limited, unless the
    /// user is the customer's account manager).
    /// </summary>
    public async Task<IEnumerable<CustomerOption>> SuggestAsync(string? term, Actor viewer, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(term))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var text = term.Trim();
        var (whole, _) = await PhoneTermAsync(db, text, viewer, cancellationToken);
        var me = viewer.UserId;
        var found = await db.Customers.AsNoTracking()
            .Where(c => c.Name.Contains(text)
                || (c.AccountManagerId == me && c.Phone.EndsWith(text))
                || (whole != null && c.Phone.Replace(" ", "").Replace("-", "").Replace("+", "") == whole))
            .OrderBy(c => c.Name)
            .Take(10)
            .Select(c => new { c.Id, c.Name, c.Phone, c.Tier })
            .ToListAsync(cancellationToken);
        return found.Select(c => new CustomerOption(c.Id, c.Name, PersonalData.MaskPhone(c.Phone), c.Tier)).ToList();
    }

    /// <summary>
    /// Whether <paramref name="term"/> is searched as a whole phone number: when it is one and the
    /// viewer has whole-number searches left (<see cref="PhoneSearch.Limit"/> an hour). Either way
    /// the attempt is written to the audit trail (which customer it found, or that it was refused),
    /// and the trail is what the limit counts. Returns the number's digits to compare, or null.
    /// </summary>
    private async Task<(string? Digits, bool Refused)> PhoneTermAsync(CareDbContext db, string term, Actor viewer, CancellationToken cancellationToken)
    {
        if (!PhoneSearch.IsWholeNumber(term, out var digits))
        {
            return (null, false);
        }

        var nowUtc = clock.UtcNow;
        var since = nowUtc - PhoneSearch.Window;
        var searches = await db.AuditEntries.CountAsync(
            e => e.UserId == viewer.UserId && e.Action == AuditAction.PhoneSearched && e.AtUtc > since, cancellationToken);
        if (!PhoneSearch.Allows(searches))
        {
            db.Audit(viewer, nowUtc, AuditAction.PhoneSearchRefused, AuditSubject.Customer, "", PersonalData.Phone, detail: term);
            await db.SaveChangesAsync(cancellationToken);
            return (null, true);
        }

        var matched = await db.Customers.Where(c => c.Phone.Replace(" ", "").Replace("-", "").Replace("+", "") == digits)
            .OrderBy(c => c.Id).Select(c => c.Id).Take(10).ToListAsync(cancellationToken);
        db.Audit(viewer, nowUtc, AuditAction.PhoneSearched, AuditSubject.Customer, matched.Count == 1 ? matched[0] : "", PersonalData.Phone,
            detail: matched.Count > 1 ? $"{term} · {string.Join(", ", matched)}" : term);
        await db.SaveChangesAsync(cancellationToken);
        return (digits, false);
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
            }).ToList(),
            customer.Version,
            customer.DetailsVerifiedOn,
            customer.ConsentsToService,
            customer.ConsentsToGreetings,
            customer.ConsentsToSurveys,
            customer.SiteList,
            customer.Status,
            customer.SourceId);
    }

    private static async Task<IReadOnlyDictionary<string, string>> ManagerNamesAsync(CareDbContext db, IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<string>().Distinct().ToList();
        return wanted.Count == 0
            ? new Dictionary<string, string>()
            : await db.Users.Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }
}
