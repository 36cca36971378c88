using System.Linq.Expressions;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Staff;
using CarePortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Complaints;

/// <summary>
/// The queue's search, each way an index answers (docs/decisions/0015-indexed-queue-search.md): the
/// beginning of an acceptance number (a range of the number's index), a customer name containing the
/// term (the cases having all its grams, confirmed on the normalized name of those few), a phone by
/// its whole number (the digits' index), whoever searches, and by its last digits (the reversed digits'
/// index) only among the cases whose phone the searcher sees in full: a fragment finds no case whose
/// phone is masked for them, so the search is no oracle for the digits a mask hides.
/// </summary>
internal static class QueueSearch
{
    public static IQueryable<Complaint> Matching(this IQueryable<Complaint> complaints, CareDbContext db, string search, Actor viewer)
    {
        var term = CaseSearch.Normalize(search);
        if (term.Length == 0)
        {
            return complaints;
        }

        var grams = CaseSearch.LookupGrams(term).ToList();
        var gramCount = grams.Count;
        var named = db.ComplaintSearchTokens.Where(t => grams.Contains(t.Token))
            .GroupBy(t => t.ComplaintId)
            .Where(g => g.Count() == gramCount)
            .Select(g => g.Key);
        Expression<Func<Complaint, bool>> matches = c => named.Contains(c.Id) && EF.Property<string>(c, ComplaintSearchIndex.NameKey).Contains(term);

        foreach (var prefix in CaseSearch.NumberPrefixes(search))
        {
            var end = CaseSearch.PrefixEnd(prefix);
            matches = Or(matches, c => string.Compare(c.AcceptanceNumber, prefix) >= 0 && string.Compare(c.AcceptanceNumber, end) < 0);
        }

        if (CaseSearch.WholePhone(search) is { } phone)
        {
            matches = Or(matches, c => EF.Property<string>(c, ComplaintSearchIndex.PhoneKey) == phone);
        }

        if (CaseSearch.PhoneEndingKey(search) is { } ending)
        {
            // The last digits only among the cases whose phone the searcher sees in full: for the rest
            // the mask shows the last four anyway, and more would make the search an oracle for the hidden ones.
            var end = CaseSearch.PrefixEnd(ending);
            matches = Or(matches, And(ComplaintScope.ContactInFull(viewer),
                c => string.Compare(EF.Property<string>(c, ComplaintSearchIndex.PhoneEndKey), ending) >= 0
                    && string.Compare(EF.Property<string>(c, ComplaintSearchIndex.PhoneEndKey), end) < 0));
        }

        return complaints.Where(matches);
    }

    private static Expression<Func<Complaint, bool>> And(Expression<Func<Complaint, bool>> left, Expression<Func<Complaint, bool>> right)
    {
        var right2 = new Rebind(right.Parameters[0], left.Parameters[0]).Visit(right.Body);
        return Expression.Lambda<Func<Complaint, bool>>(Expression.AndAlso(left.Body, right2), left.Parameters);
    }

    private static Expression<Func<Complaint, bool>> Or(Expression<Func<Complaint, bool>> left, Expression<Func<Complaint, bool>> right)
    {
        var right2 = new Rebind(right.Parameters[0], left.Parameters[0]).Visit(right.Body);
        return Expression.Lambda<Func<Complaint, bool>>(Expression.OrElse(left.Body, right2), left.Parameters);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
