namespace Crm.Domain.Surveys;

/// <summary>Count, sum and sum of squares of integer ratings: exact, mergeable, and enough for a mean and its interval.</summary>
public readonly record struct RatingSum(long Count, long Total, long Squares)
{
    public RatingSum Add(int rating) => new(Count + 1, Total + rating, Squares + (long)rating * rating);

    public static RatingSum operator +(RatingSum a, RatingSum b) => new(a.Count + b.Count, a.Total + b.Total, a.Squares + b.Squares);
}
