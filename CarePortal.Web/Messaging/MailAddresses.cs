using MimeKit;

namespace CarePortal.Web.Messaging;

/// <summary>
/// The one parser of e-mail addresses: the mailer builds its recipients with it, and the customer
/// rules (dialog and import) check addresses with it, so an address accepted at entry is one the
/// mailer can address (<c>a,b@x.cn</c> or <c>a..b@x.cn</c> pass a looser pattern and then stop a greeting).
/// </summary>
public static class MailAddresses
{
    /// <summary>A recipient or sender as MimeKit takes it.</summary>
    /// <exception cref="ParseException">MimeKit does not read <paramref name="address"/> as one address.</exception>
    public static MailboxAddress Mailbox(string name, string address) => new(name, address);

    /// <summary>Whether <see cref="Mailbox"/> accepts the address: what the customer rules are given to check with.</summary>
    public static bool IsSendable(string address)
    {
        try
        {
            _ = Mailbox("", address);
            return true;
        }
        catch (ParseException)
        {
            return false;
        }
    }
}
