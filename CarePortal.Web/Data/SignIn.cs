namespace CarePortal.Web.Data;

/// <summary>Why a sign-in ended.</summary>
public enum SignInEnd
{
    /// <summary>The user signed out.</summary>
    SignedOut,

    /// <summary>The account was disabled.</summary>
    Disabled,

    /// <summary>The password was reset by an administrator.</summary>
    PasswordReset,

    /// <summary>The password, user name or security stamp changed elsewhere (identity's security stamp moved).</summary>
    CredentialsChanged,
}
