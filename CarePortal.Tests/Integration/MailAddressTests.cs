using CarePortal.Domain.Customers;
using CarePortal.Web.Messaging;
using MimeKit;

namespace CarePortal.Tests.Integration;

/// <summary>Addresses to check the portal's e-mail rule against MimeKit, the parser that sends (issue 13 item 7).</summary>
public static class MailAddressCorpus
{
    /// <summary>Addresses of the shape the portal used to accept (one @, no space, a dot after it) that MimeKit refuses to address.</summary>
    public static readonly IReadOnlyList<string> Malformed =
    [
        "a,b@x.cn", "a;b@x.cn", "a..b@x.cn", ".a@x.cn", "a.@x.cn", "a@x..cn", "a@.x.cn", "a(b@x.cn", "a)b@x.cn", "a<b@x.cn",
        "a>b@x.cn", "a[b@x.cn", "a]b@x.cn", "a:b@x.cn", "a\\b@x.cn", "\"a@x.cn", "a\"b@x.cn", "a@x,y.cn", "a@x;y.cn",
        "a@x<y.cn", "a@[x.cn", "a@x.cn]",
    ];

    /// <summary>Addresses both accept.</summary>
    public static readonly IReadOnlyList<string> Wellformed =
    [
        "zhang.min@example.com", "service@xinghe-pm.example", "a+tag@x.cn", "o'brien@x.cn", "a_b@x.cn", "a@x-y.cn", "a!#$%&*/=?^`{|}~@x.cn",
        "nanshan@huaan-bank.example", "A.B.C@X.CN", "1@2.cn",
    ];

    /// <summary>Addresses MimeKit may accept that the portal refuses anyway (no dot in the domain, a trailing dot, comments, spaces).</summary>
    public static readonly IReadOnlyList<string> RefusedByShape = ["a@x.cn.", "a@x(y).cn", "a(c)@x.cn", "a@localhost", "\"a b\"@x.cn", "a@b@x.cn", "a b@x.cn", "@x.cn", "a@"];

    public static IEnumerable<string> All => Malformed.Concat(Wellformed).Concat(RefusedByShape);

    /// <summary>MimeKit's own answer, as the mailer asks it: building a recipient from the address.</summary>
    public static bool MimeKitAccepts(string address)
    {
        try
        {
            _ = new MailboxAddress("", address);
            return true;
        }
        catch (ParseException)
        {
            return false;
        }
    }
}

public sealed class MailAddressTests
{
    [Fact]
    public void The_portal_accepts_an_address_exactly_when_it_has_the_shape_and_mime_kit_accepts_it()
    {
        var answers = MailAddressCorpus.All.Select(a => (Address: a, Portal: PersonalData.IsEmail(a, MailAddresses.IsSendable), MimeKit: MailAddressCorpus.MimeKitAccepts(a))).ToList();

        // Never an address the sender would refuse.
        Assert.Empty(answers.Where(a => a.Portal && !a.MimeKit).Select(a => a.Address));
        Assert.All(MailAddressCorpus.Malformed, a => Assert.False(MailAddressCorpus.MimeKitAccepts(a), $"MimeKit accepts {a}"));
        Assert.All(MailAddressCorpus.Malformed, a => Assert.False(PersonalData.IsEmail(a, MailAddresses.IsSendable), $"the portal accepts {a}"));
        Assert.All(MailAddressCorpus.Wellformed, a => Assert.True(PersonalData.IsEmail(a, MailAddresses.IsSendable) && MailAddressCorpus.MimeKitAccepts(a), $"refused: {a}"));
        Assert.All(MailAddressCorpus.RefusedByShape, a => Assert.False(PersonalData.IsEmail(a, MailAddresses.IsSendable), $"the portal accepts {a}"));
    }

    [Fact]
    public void The_customer_rules_refuse_each_malformed_address_as_the_dialog_checks_it()
    {
        foreach (var address in MailAddressCorpus.Malformed)
        {
            var errors = CustomerRules.Check(new CustomerFields("邮箱客户", Email: address), MailAddresses.IsSendable);
            Assert.True(errors.GetValueOrDefault(CustomerRules.Email) == "Validation.Email", address);
        }
    }
}
