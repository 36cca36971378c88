namespace CarePortal.Domain.Complaints;

/// <summary>
/// What the desk types into the register (客户投诉登记表, and the same form for a request, an inquiry
/// or a suggestion). <see cref="Validate"/> returns one message code per field in error; the portal
/// shows them in the user's language. Which fields a case needs follows its <see cref="Kind"/>.
/// </summary>
public sealed class ComplaintIntake
{
    public const int NameMax = FieldLengths.Name;
    public const int AddressMax = FieldLengths.Address;
    public const int TextMax = FieldLengths.Text;
    public const int PlaceMax = FieldLengths.Address;

    /// <summary>What the customer came for; the desk picks it first.</summary>
    public CaseKind Kind { get; set; }

    /// <summary>An urgent case follows its type's urgent deadlines and alerts at once (issue 17).</summary>
    public bool Urgent { get; set; }

    /// <summary>A request's place: where the broken thing is (报修地点).</summary>
    public string Place { get; set; } = "";

    /// <summary>A request's preferred time for the visit (预约时间), in the company's time zone.</summary>
    public DateTime? PreferredTime { get; set; }

    public string CustomerName { get; set; } = "";
    public string CustomerAddress { get; set; } = "";
    public string CustomerPhone { get; set; } = "";
    public ComplaintChannel? Channel { get; set; }
    public string Reason { get; set; } = "";
    public string CustomerRequest { get; set; } = "";
    public ComplaintClass? Class { get; set; }
    public ComplaintType? Type { get; set; }
    public decimal? AmountClaimed { get; set; }
    public string UnjustifiedReason { get; set; } = "";
    public string Remarks { get; set; } = "";
    public int? CustomerId { get; set; }

    /// <summary>
    /// Made when the form is shown and kept for its life (renewed after a registration): the same
    /// key sent twice (a double-click, Enter pressed twice) registers one complaint.
    /// </summary>
    public Guid? SubmissionKey { get; set; }

    /// <summary>The linked customer's tier: tier-A customers get shorter deadlines.</summary>
    public CustomerTier? CustomerTier { get; set; }

    /// <summary>A copy to fill in: a command never writes to the form object it was given.</summary>
    public ComplaintIntake Copy() => (ComplaintIntake)MemberwiseClone();

    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        void Check(bool bad, string field, string code)
        {
            if (bad && !errors.ContainsKey(field))
            {
                errors[field] = code;
            }
        }

        Check(string.IsNullOrWhiteSpace(CustomerName), nameof(CustomerName), "Validation.Required");
        Check(CustomerName.Length > NameMax, nameof(CustomerName), "Validation.TooLong");
        // A customer picked from the directory brings their own phone (shown masked to the desk).
        Check(CustomerId is null && string.IsNullOrWhiteSpace(CustomerPhone), nameof(CustomerPhone), "Validation.Required");
        Check(CustomerId is null && !IsPhone(CustomerPhone), nameof(CustomerPhone), "Validation.Phone");
        Check(CustomerAddress.Length > AddressMax, nameof(CustomerAddress), "Validation.TooLong");
        Check(Channel is null, nameof(Channel), "Validation.Required");
        Check(!Enum.IsDefined(Kind), nameof(Kind), "Validation.Required");
        Check(string.IsNullOrWhiteSpace(Reason), nameof(Reason), "Validation.Required");
        Check(Reason.Length > TextMax, nameof(Reason), "Validation.TooLong");
        Check(CustomerRequest.Length > TextMax, nameof(CustomerRequest), "Validation.TooLong");
        Check(Kind == CaseKind.ServiceRequest && string.IsNullOrWhiteSpace(Place), nameof(Place), "Validation.Required");
        Check(Place.Length > PlaceMax, nameof(Place), "Validation.TooLong");
        Check(Remarks.Length > TextMax, nameof(Remarks), "Validation.TooLong");
        if (Kind != CaseKind.Complaint)
        {
            // Class, type and amounts are a complaint's (投诉分类): the other types do not ask for them.
            return errors;
        }

        Check(Class is null, nameof(Class), "Validation.Required");
        Check(Type is null, nameof(Type), "Validation.Required");
        Check(Class == ComplaintClass.FeeDeduction && AmountClaimed is null, nameof(AmountClaimed), "Validation.AmountClaimedRequired");
        Check(AmountClaimed is <= 0, nameof(AmountClaimed), "Validation.PositiveAmount");
        Check(Class == ComplaintClass.Unjustified && string.IsNullOrWhiteSpace(UnjustifiedReason), nameof(UnjustifiedReason), "Validation.UnjustifiedReasonRequired");
        Check(Class == ComplaintClass.Unjustified && UnjustifiedReason.Length > TextMax, nameof(UnjustifiedReason), "Validation.TooLong");
        return errors;
    }

    public static bool IsPhone(string? text) => PhoneNumber.IsValid(text);
}
