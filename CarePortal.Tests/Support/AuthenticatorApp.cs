using System.Text.RegularExpressions;
using CarePortal.Web.Features.Account;
using OtpNet;

namespace CarePortal.Tests.Support;

/// <summary>What a user's authenticator app does, for the tests: enrols on the portal's form and makes codes from the shared key.</summary>
public static partial class AuthenticatorApp
{
    /// <summary>The code of <paramref name="key"/> at <paramref name="atUtc"/> (now, by default).</summary>
    public static string CodeOf(string key, DateTime? atUtc = null) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(atUtc ?? DateTime.UtcNow);

    /// <summary>Enrols on the form the gate sends the user to; returns the key and the recovery codes the answer shows.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(HttpClient client, Func<string, string>? codeOf = null)
    {
        var response = await client.GetAsync(AccountExtensions.EnrolPath);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.Headers.Location}");
        var key = KeyPattern().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        var done = await CarePortalApp.PostFormAsync(client, AccountExtensions.EnrolPath,
            new Dictionary<string, string> { ["_handler"] = "enrol", ["Code"] = (codeOf ?? (k => CodeOf(k)))(key) });
        var answer = await done.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"enrol-done\"", answer);
        return (key, RecoveryCodePattern().Matches(answer).Select(m => m.Groups[1].Value).ToList());
    }

    [GeneratedRegex("data-testid=\"authenticator-key\">([A-Z2-7 ]+)<")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCodePattern();
}
