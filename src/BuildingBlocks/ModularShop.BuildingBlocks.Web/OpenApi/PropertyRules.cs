namespace ModularShop.BuildingBlocks.Web.OpenApi;

/// <summary>What the validators say about one member (or, as <see cref="Items"/>, about each element of it).</summary>
internal sealed class PropertyRules
{
    /// <summary>An unconditional <c>NotNull</c>/<c>NotEmpty</c>: the field must be sent.</summary>
    public bool Required { get; set; }

    public int? MinLength { get; set; }

    public int? MaxLength { get; set; }

    public decimal? Minimum { get; set; }

    public bool ExclusiveMinimum { get; set; }

    public decimal? Maximum { get; set; }

    public bool ExclusiveMaximum { get; set; }

    public string? Pattern { get; set; }

    /// <summary>Items of a list, entries of a dictionary (<c>NotEmpty</c>, <c>MaxItems</c>).</summary>
    public int? MinItems { get; set; }

    public int? MaxItems { get; set; }

    /// <summary>Rules on each element (<c>RuleForEach</c>).</summary>
    public PropertyRules? Items { get; set; }

    /// <summary>Rules of a child validator (<c>ChildRules</c>, <c>SetValidator</c>) on the member's object type.</summary>
    public TypeRules? Object { get; set; }

    /// <summary>The messages of rules that cannot be expressed in JSON Schema (<c>Must</c>), for the description.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>All of <paramref name="other"/> holds too (two rules of one validator): the stricter of each.</summary>
    public void Tighten(PropertyRules other)
    {
        Required |= other.Required;
        MinLength = Max(MinLength, other.MinLength);
        MaxLength = Min(MaxLength, other.MaxLength);
        (Minimum, ExclusiveMinimum) = StricterMinimum((Minimum, ExclusiveMinimum), (other.Minimum, other.ExclusiveMinimum));
        (Maximum, ExclusiveMaximum) = StricterMaximum((Maximum, ExclusiveMaximum), (other.Maximum, other.ExclusiveMaximum));
        Pattern ??= other.Pattern;
        MinItems = Max(MinItems, other.MinItems);
        MaxItems = Min(MaxItems, other.MaxItems);
        Items = Merge(Items, other.Items, (a, b) => a.Tighten(b));
        Object = Merge(Object, other.Object, (a, b) => a.Tighten(b));
        Notes.AddRange(other.Notes.Where(n => !Notes.Contains(n)));
    }

    /// <summary>
    /// Either may apply (one schema shared by two requests with different rules): only what both say, the looser
    /// of each, so that the document never refuses what one of the endpoints accepts.
    /// </summary>
    public void Loosen(PropertyRules other)
    {
        Required &= other.Required;
        MinLength = BothOrNone(MinLength, other.MinLength, Math.Min);
        MaxLength = BothOrNone(MaxLength, other.MaxLength, Math.Max);
        (Minimum, ExclusiveMinimum) = LooserMinimum((Minimum, ExclusiveMinimum), (other.Minimum, other.ExclusiveMinimum));
        (Maximum, ExclusiveMaximum) = LooserMaximum((Maximum, ExclusiveMaximum), (other.Maximum, other.ExclusiveMaximum));
        Pattern = Pattern == other.Pattern ? Pattern : null;
        MinItems = BothOrNone(MinItems, other.MinItems, Math.Min);
        MaxItems = BothOrNone(MaxItems, other.MaxItems, Math.Max);
        Items = Items is not null && other.Items is not null ? Loosened(Items, other.Items) : null;
        Object = Object is not null && other.Object is not null ? TypeRules.Loosened(Object, other.Object) : null;
        Notes.RemoveAll(n => !other.Notes.Contains(n));
    }

    public PropertyRules Copy()
    {
        var copy = new PropertyRules();
        copy.Tighten(this);
        return copy;
    }

    private static PropertyRules Loosened(PropertyRules a, PropertyRules b)
    {
        var copy = a.Copy();
        copy.Loosen(b);
        return copy;
    }

    private static T? Merge<T>(T? mine, T? theirs, Action<T, T> merge) where T : class
    {
        if (theirs is null)
        {
            return mine;
        }

        if (mine is null)
        {
            return theirs switch
            {
                PropertyRules p => (T)(object)p.Copy(),
                TypeRules t => (T)(object)t.Copy(),
                _ => theirs,
            };
        }

        merge(mine, theirs);
        return mine;
    }

    private static int? Max(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static int? Min(int? a, int? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static int? BothOrNone(int? a, int? b, Func<int, int, int> pick) => a is { } x && b is { } y ? pick(x, y) : null;

    private static (decimal?, bool) LooserMinimum((decimal? Value, bool Exclusive) a, (decimal? Value, bool Exclusive) b) =>
        a.Value is null || b.Value is null ? (null, false)
        : a.Value < b.Value ? a
        : b.Value < a.Value ? b
        : (a.Value, a.Exclusive && b.Exclusive);

    private static (decimal?, bool) LooserMaximum((decimal? Value, bool Exclusive) a, (decimal? Value, bool Exclusive) b) =>
        a.Value is null || b.Value is null ? (null, false)
        : a.Value > b.Value ? a
        : b.Value > a.Value ? b
        : (a.Value, a.Exclusive && b.Exclusive);

    private static (decimal?, bool) StricterMinimum((decimal? Value, bool Exclusive) a, (decimal? Value, bool Exclusive) b) =>
        a.Value is null ? b
        : b.Value is null ? a
        : a.Value > b.Value ? a
        : b.Value > a.Value ? b
        : (a.Value, a.Exclusive || b.Exclusive);

    private static (decimal?, bool) StricterMaximum((decimal? Value, bool Exclusive) a, (decimal? Value, bool Exclusive) b) =>
        a.Value is null ? b
        : b.Value is null ? a
        : a.Value < b.Value ? a
        : b.Value < a.Value ? b
        : (a.Value, a.Exclusive || b.Exclusive);
}
