using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Vexil.Core.Collections;

/// <summary>
/// An immutable map from strings (compared ordinally) to values, built once and then only read: the table behind a
/// snapshot's flag names and a gate's actor ids, which every evaluation looks up.
/// </summary>
/// <remarks>
/// <para>
/// Why not <see cref="System.Collections.Frozen.FrozenDictionary{TKey, TValue}"/>: a lookup there measured 8–12 ns
/// here (a virtual call, a per-character hash of a substring, a modulo), which was half of the 25 ns evaluation
/// budget. This table hashes a key with three 64-bit reads (its first, middle and last four characters) and its
/// length, places entries by the hash's top bits in a power-of-two open-addressing table at most half full, and keeps
/// each entry's hash so a probe compares strings only when the hashes agree.
/// </para>
/// <para>
/// Keys that defeat the three windows (many keys of one length that differ only in characters no window covers) would
/// make probe runs long. The builder measures how far keys sit from their home slots and, past small limits, rebuilds
/// with a hash over every character instead, so a lookup stays a few probes whatever the keys are.
/// </para>
/// <para>
/// Maps of up to eight keys (a gate's few actors, a small group) are not hashed at all: a lookup scans them, comparing
/// lengths first, so most misses cost a few integer comparisons. FrozenSet does the same for small sets.
/// </para>
/// </remarks>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed class StringMap<TValue> : IReadOnlyCollection<KeyValuePair<string, TValue>>
{
    // With a good hash and a half-full table, a key sits on average half a slot from its home and the longest run
    // grows like log(n). Past these, the windowed hash is judged too weak for the keys.
    private const double AcceptableAverageDistance = 1.0;
    private const int LongestAcceptableDistance = 32;

    private const ulong FirstWindowFactor = 0x9E3779B97F4A7C15UL;
    private const ulong MiddleWindowFactor = 0xC2B2AE3D27D4EB4FUL;
    private const ulong LastWindowFactor = 0x165667B19E3779F9UL;
    private const ulong FinalFactor = 0xD6E8FEB86659FD93UL;

    // Up to this many keys (a gate's few actors, a small group), scanning the keys and comparing lengths first beats
    // hashing: most misses are decided by a length comparison, with no hash computed at all.
    private const int LinearScanLimit = 8;

    // Slots live in pages of 512, not one array: a change copies the page it writes and the page index, not the whole
    // table (at 10,000 keys one array is 32,768 slots, 768 KB, on the large-object heap, copied and zeroed per change).
    // A page of 24-byte entries (a reference value) is 12 KB. A lookup pays one more load (the page reference, from an
    // index of at most a few hundred bytes that stays in the L1 cache). Constants, not static fields, because the JIT
    // shares one body for every reference-type TValue, and there a static field would cost a dictionary lookup.
    private const int PageShift = 9;
    private const int PageMask = (1 << PageShift) - 1;

    private readonly Entry[][] pages;
    private readonly int slotCount;
    private readonly int shift;
    private readonly bool hashesEveryCharacter;
    private readonly bool scansLinearly;

    // The sum of every key's distance from its home slot, kept so an incremental insert can apply the builder's
    // average-distance test without walking the table.
    private readonly long totalDistance;

    // For a scanned map: bit (length % 64) is set for every key's length, so most misses (an actor not on a gate,
    // whose length matches no member's) are decided by one bit test, without touching the entries.
    private readonly ulong lengths;

    private StringMap(Entry[][] pages, int slotCount, int count, bool hashesEveryCharacter, bool scansLinearly = false, long totalDistance = 0)
    {
        this.pages = pages;
        this.slotCount = slotCount;
        Count = count;
        this.hashesEveryCharacter = hashesEveryCharacter;
        this.scansLinearly = scansLinearly;
        this.totalDistance = totalDistance;
        shift = 64 - BitOperations.Log2((uint)Math.Max(2, slotCount));
        if (scansLinearly)
        {
            foreach (var entry in pages[0])
            {
                lengths |= 1UL << (int)entry.Hash;
            }
        }
    }

    /// <summary>A map with no entries.</summary>
    public static StringMap<TValue> Empty { get; } = new([new Entry[2]], 2, 0, false);

    /// <summary>How many slots one page holds (pages keep a change's copy small and off the large-object heap).</summary>
    internal static int SlotsPerPage => PageMask + 1;

    /// <summary>The number of pages the slots are split into.</summary>
    internal int PageCount => pages.Length;

    /// <summary>How many pages of slots this map shares with <paramref name="other"/> (the same arrays, not copies).</summary>
    internal int PagesSharedWith(StringMap<TValue> other) => pages.Count(page => Array.IndexOf(other.pages, page) >= 0);

    /// <summary>The number of entries.</summary>
    public int Count { get; }

    /// <summary>True when the keys defeated the windowed hash and the map hashes every character instead.</summary>
    internal bool HashesEveryCharacter => hashesEveryCharacter;

    /// <summary>True when the map is small enough to be scanned rather than hashed.</summary>
    internal bool ScansLinearly => scansLinearly;

    /// <summary>
    /// How many slots lookups of present keys walk past before finding them: the longest walk and the average.
    /// </summary>
    internal (int Longest, double Average) Distances
    {
        get
        {
            var longest = 0;
            var total = 0L;
            if (scansLinearly)
            {
                return (0, 0);
            }

            var mask = slotCount - 1;
            for (var slot = 0; slot < slotCount; slot++)
            {
                if (At(pages, slot).Key is { } key)
                {
                    var distance = (slot - (int)(Hash(key, hashesEveryCharacter) >> shift)) & mask;
                    longest = Math.Max(longest, distance);
                    total += distance;
                }
            }

            return (longest, Count == 0 ? 0 : (double)total / Count);
        }
    }

    /// <summary>Every key.</summary>
    public IEnumerable<string> Keys => this.Select(pair => pair.Key);

    /// <summary>Every value.</summary>
    public IEnumerable<TValue> Values => this.Select(pair => pair.Value);

    /// <summary>
    /// Builds a map. A key given twice keeps its last value, as a dictionary's indexer would.
    /// </summary>
    /// <exception cref="ArgumentNullException">A key is null.</exception>
    public static StringMap<TValue> Create(IEnumerable<KeyValuePair<string, TValue>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.TryGetNonEnumeratedCount(out var count))
        {
            return Create(items, count);
        }

        var list = items.ToList();
        return Create(list, list.Count);
    }

    /// <summary>
    /// Builds a map from a sequence read once, sized for <paramref name="expectedCount"/> keys (a good guess saves
    /// regrowing; any count is accepted). No copy of the sequence is made, so a large map is built straight from
    /// a lazy projection without an intermediate list or dictionary. A key given twice keeps its last value.
    /// </summary>
    /// <exception cref="ArgumentNullException">A key is null.</exception>
    public static StringMap<TValue> Create(IEnumerable<KeyValuePair<string, TValue>> items, int expectedCount)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (expectedCount <= LinearScanLimit)
        {
            var small = new Entry[Math.Max(expectedCount, 1)];
            var used = 0;
            using var enumerator = items.GetEnumerator();
            while (used <= LinearScanLimit && enumerator.MoveNext())
            {
                var (key, value) = enumerator.Current;
                ArgumentNullException.ThrowIfNull(key, nameof(items));
                var existing = IndexOf(small, used, key);
                if (existing >= 0)
                {
                    small[existing] = new Entry(key, (ulong)key.Length, value);
                    continue;
                }

                if (used == small.Length)
                {
                    Array.Resize(ref small, used * 2);
                }

                small[used++] = new Entry(key, (ulong)key.Length, value);
            }

            if (used <= LinearScanLimit)
            {
                if (used == 0)
                {
                    return Empty;
                }

                if (used != small.Length)
                {
                    Array.Resize(ref small, used);
                }

                return new StringMap<TValue>([small], used, used, hashesEveryCharacter: false, scansLinearly: true);
            }

            // More distinct keys than expected: hash what was read and carry on with the rest.
            var growing = new TableBuilder(used * 2);
            for (var i = 0; i < used; i++)
            {
                growing.Set(small[i].Key!, small[i].Value);
            }

            while (enumerator.MoveNext())
            {
                var (key, value) = enumerator.Current;
                growing.Set(key ?? throw new ArgumentNullException(nameof(items)), value);
            }

            return growing.ToMap();
        }

        var builder = new TableBuilder(expectedCount);
        foreach (var (key, value) in items)
        {
            builder.Set(key ?? throw new ArgumentNullException(nameof(items)), value);
        }

        return builder.ToMap();
    }

    /// <summary>Finds the value stored for <paramref name="key"/>.</summary>
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TValue value)
    {
        ref var entry = ref Find(key);
        if (Unsafe.IsNullRef(ref entry))
        {
            value = default;
            return false;
        }

        value = entry.Value;
        return true;
    }

    /// <summary>True when <paramref name="key"/> is in the map.</summary>
    public bool ContainsKey(string key) => !Unsafe.IsNullRef(ref Find(key));

    /// <summary>
    /// True when any of <paramref name="keys"/> is in the map; null keys are skipped. An actors gate asks this of every
    /// call's actors, so a small map is scanned here in one loop (lengths first, as <see cref="Find"/> does) rather than
    /// through one call per key: three actors against a gate of three ids cost nine integer comparisons and no call.
    /// </summary>
    public bool ContainsAnyKey(ReadOnlySpan<string> keys)
    {
        if (scansLinearly)
        {
            var compact = pages[0];
            foreach (var key in keys)
            {
                if (key is null)
                {
                    continue;
                }

                var length = (ulong)key.Length;
                if ((lengths & (1UL << (int)length)) == 0)
                {
                    continue;
                }

                ref var first = ref MemoryMarshal.GetArrayDataReference(compact);
                for (nuint i = 0; i < (nuint)compact.Length; i++)
                {
                    ref var candidate = ref Unsafe.Add(ref first, i);
                    if (candidate.Hash == length && (ReferenceEquals(candidate.Key, key) || EqualsOrdinal(candidate.Key!, key)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        foreach (var key in keys)
        {
            if (!Unsafe.IsNullRef(ref Find(key)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A new map with <paramref name="key"/> set to <paramref name="value"/>; this one is unchanged. A hashed map
    /// shares every page of slots with this one except the page written, which is copied (12 KB), so a change to one
    /// flag of a large snapshot costs a small copy instead of a rebuild or a copy of the whole table. It falls back to a full build when the table would pass half full, when
    /// the new key would sit further from its home slot than <see cref="Create"/> accepts for the windowed hash, or
    /// when the map crosses the linear-scan size: exactly the maps <see cref="Create"/> would build.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public StringMap<TValue> SetItem(string key, TValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var found = FindSlot(key);
        if (found >= 0)
        {
            // Same key, same slot, same hash: only the value changes.
            var writer = new PageWriter(pages);
            ref var slot = ref writer.Write(found);
            slot = new Entry(key, slot.Hash, value);
            return new StringMap<TValue>(writer.Pages, slotCount, Count, hashesEveryCharacter, scansLinearly, totalDistance);
        }

        if (scansLinearly || Count + 1 <= LinearScanLimit || (Count + 1) * 2 > slotCount)
        {
            return Create(this.Append(KeyValuePair.Create(key, value)).ToList());
        }

        var mask = slotCount - 1;
        var hash = Hash(key, hashesEveryCharacter);
        var home = (int)(hash >> shift);
        var distance = 0;
        while (At(pages, (home + distance) & mask).Key is not null)
        {
            distance++;
        }

        var total = totalDistance + distance;
        if (!hashesEveryCharacter && (distance > LongestAcceptableDistance || total > AcceptableAverageDistance * (Count + 1)))
        {
            // The windowed hash is failing these keys: let the builder choose again (it may hash every character).
            return Create(this.Append(KeyValuePair.Create(key, value)).ToList());
        }

        var inserting = new PageWriter(pages);
        inserting.Write((home + distance) & mask) = new Entry(key, hash, value);
        return new StringMap<TValue>(inserting.Pages, slotCount, Count + 1, hashesEveryCharacter, totalDistance: total);
    }

    /// <summary>
    /// A new map without <paramref name="key"/> (this one when the key is absent). A hashed map copies only the pages
    /// it writes; the entry is removed by shifting the rest of its probe run back, so no tombstones are left and
    /// lookups stay as short as a fresh build's; a map that shrinks to the linear-scan size is rebuilt as one.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public StringMap<TValue> Remove(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hole = FindSlot(key);
        if (hole < 0)
        {
            return this;
        }

        if (scansLinearly || Count - 1 <= LinearScanLimit)
        {
            return Create(this.Where(pair => !string.Equals(pair.Key, key, StringComparison.Ordinal)).ToList());
        }

        var writer = new PageWriter(pages);
        var mask = slotCount - 1;
        var total = totalDistance - ((hole - (int)(At(pages, hole).Hash >> shift)) & mask);

        // Knuth's algorithm R for linear probing: walk the run after the hole; an entry whose home slot does not lie
        // cyclically in (hole, here] may move back into the hole, which then moves to where it was.
        var next = hole;
        while (true)
        {
            next = (next + 1) & mask;
            var entry = At(writer.Pages, next);
            if (entry.Key is null)
            {
                break;
            }

            var home = (int)(entry.Hash >> shift);
            var staysPut = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (!staysPut)
            {
                writer.Write(hole) = entry;
                total -= (next - hole) & mask;
                hole = next;
            }
        }

        writer.Write(hole) = default;
        return new StringMap<TValue>(writer.Pages, slotCount, Count - 1, hashesEveryCharacter, totalDistance: total);
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator()
    {
        foreach (var page in pages)
        {
            foreach (var entry in page)
            {
                if (entry.Key is not null)
                {
                    yield return new KeyValuePair<string, TValue>(entry.Key, entry.Value);
                }
            }
        }
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static int IndexOf(Entry[] entries, int count, string key)
    {
        for (var i = 0; i < count; i++)
        {
            if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static Entry[][] NewPages(int size)
    {
        var pageSlots = Math.Min(size, PageMask + 1);
        var table = new Entry[size / pageSlots][];
        for (var page = 0; page < table.Length; page++)
        {
            table[page] = new Entry[pageSlots];
        }

        return table;
    }

    private static ref Entry At(Entry[][] pages, int slot) => ref pages[slot >> PageShift][slot & PageMask];

    // The slot holding key, or -1: the writers' way in (Find returns a reference, which says nothing of the page).
    private int FindSlot(string key)
    {
        if (scansLinearly)
        {
            var compact = pages[0];
            for (var i = 0; i < compact.Length; i++)
            {
                if (string.Equals(compact[i].Key, key, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        var hash = Hash(key, hashesEveryCharacter);
        var mask = slotCount - 1;
        for (var slot = (int)(hash >> shift); ; slot = (slot + 1) & mask)
        {
            ref var entry = ref At(pages, slot);
            if (entry.Key is null)
            {
                return -1;
            }

            if (entry.Hash == hash && string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                return slot;
            }
        }
    }

    // A leaf function on purpose: no call inside (not even to SequenceEqual) means no registers to save and restore,
    // which is a measurable share of a 10 ns lookup.
    private ref Entry Find(string key)
    {
        if (key is null)
        {
            return ref Unsafe.NullRef<Entry>();
        }

        ref var firstPage = ref MemoryMarshal.GetArrayDataReference(pages);
        if (scansLinearly)
        {
            var compact = firstPage;
            ref var first = ref MemoryMarshal.GetArrayDataReference(compact);
            var length = (ulong)key.Length;
            if ((lengths & (1UL << (int)length)) == 0)
            {
                return ref Unsafe.NullRef<Entry>();
            }

            for (nuint i = 0; i < (nuint)compact.Length; i++)
            {
                ref var candidate = ref Unsafe.Add(ref first, i);
                if (candidate.Hash == length && (ReferenceEquals(candidate.Key, key) || EqualsOrdinal(candidate.Key!, key)))
                {
                    return ref candidate;
                }
            }

            return ref Unsafe.NullRef<Entry>();
        }

        var hash = Hash(key, hashesEveryCharacter);
        var mask = (nuint)slotCount - 1;
        var slot = (nuint)(hash >> shift);
        while (true)
        {
            var page = Unsafe.Add(ref firstPage, slot >> PageShift);
            ref var entry = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(page), slot & (nuint)PageMask);
            var stored = entry.Key;
            if (stored is null)
            {
                return ref Unsafe.NullRef<Entry>();
            }

            if (entry.Hash == hash && (ReferenceEquals(stored, key) || EqualsOrdinal(stored, key)))
            {
                return ref entry;
            }

            slot = (slot + 1) & mask;
        }
    }

    // Keys are short (flag names, flipper ids), so an inline comparison four characters at a time beats a call.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool EqualsOrdinal(string stored, string key)
    {
        var length = key.Length;
        if (stored.Length != length)
        {
            return false;
        }

        ref var left = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(stored.AsSpan()));
        ref var right = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(key.AsSpan()));
        if (length < 4)
        {
            for (var i = 0; i < length * 2; i += 2)
            {
                if (Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref left, i)) != Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref right, i)))
                {
                    return false;
                }
            }

            return true;
        }

        // Whole 8-byte blocks, then the last four characters (overlapping the previous block when the length is not
        // a multiple of four).
        var lastBlock = (length - 4) * 2;
        for (var offset = 0; offset < lastBlock; offset += 8)
        {
            if (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref left, offset)) != Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref right, offset)))
            {
                return false;
            }
        }

        return Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref left, lastBlock)) == Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref right, lastBlock));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Hash(string key, bool everyCharacter)
    {
        var length = key.Length;
        ref var start = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(key.AsSpan()));
        if (length < 4 || everyCharacter)
        {
            return HashEveryCharacter(ref start, length);
        }

        // Three 8-byte windows (four UTF-16 characters each): the start, the middle and the end; for names up to
        // twelve characters they cover every character. The slot comes from the top bits of the products, which
        // depend on every bit of the windows.
        var first = Unsafe.ReadUnaligned<ulong>(ref start);
        var middle = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, (length - 4) & ~1));
        var last = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, (length - 4) * 2));
        return (first * FirstWindowFactor) ^ (middle * MiddleWindowFactor) ^ ((last + (ulong)length) * LastWindowFactor);
    }

    // Inlined so that Find stays free of calls; it runs only for keys under four characters or in the fallback mode.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong HashEveryCharacter(ref byte start, int length)
    {
        var mixed = (ulong)length * LastWindowFactor;
        var i = 0;
        for (; length - i >= 4; i += 4)
        {
            mixed = BitOperations.RotateLeft((mixed ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i * 2))) * FirstWindowFactor, 23);
        }

        for (; i < length; i++)
        {
            mixed = (mixed ^ Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref start, i * 2))) * MiddleWindowFactor;
        }

        // The rotation leaves poorly mixed bits on top, where the slot is taken from: mix once more.
        return (mixed ^ (mixed >> 29)) * FinalFactor;
    }

    // Fills a hashed table in one pass over the keys. It starts with the windowed hash and, as soon as a key lands
    // too far from its home slot (or at the end, when the average distance is too high), moves what it has to a table
    // hashing every character; it doubles the table when it passes half full. Either move reads the table built so far,
    // never the caller's sequence, so that sequence is read exactly once.
    private sealed class TableBuilder
    {
        private Entry[][] pages;
        private int size;
        private int shift;
        private bool everyCharacter;
        private int count;
        private long totalDistance;

        public TableBuilder(int expectedCount)
        {
            // At most half full, so an unsuccessful lookup usually stops at the first or second slot.
            size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, expectedCount * 2));
            pages = NewPages(size);
            shift = 64 - BitOperations.Log2((uint)size);
        }

        public void Set(string key, TValue value)
        {
            if ((count + 1) * 2 > size)
            {
                Rehash(size * 2, everyCharacter);
            }

            if (Insert(key, Hash(key, everyCharacter), value) > LongestAcceptableDistance && !everyCharacter)
            {
                Rehash(size, everyCharacter: true);
            }
        }

        public StringMap<TValue> ToMap()
        {
            if (!everyCharacter && totalDistance > AcceptableAverageDistance * count)
            {
                Rehash(size, everyCharacter: true);
            }

            return new StringMap<TValue>(pages, size, count, everyCharacter, totalDistance: totalDistance);
        }

        // Returns how far from its home slot the key went (0 when it replaced an existing key's value in place).
        private int Insert(string key, ulong hash, TValue value)
        {
            var mask = size - 1;
            var slot = (int)(hash >> shift);
            for (var distance = 0; ; distance++)
            {
                ref var entry = ref At(pages, slot);
                if (entry.Key is null)
                {
                    entry = new Entry(key, hash, value);
                    count++;
                    totalDistance += distance;
                    return distance;
                }

                if (entry.Hash == hash && string.Equals(entry.Key, key, StringComparison.Ordinal))
                {
                    entry = new Entry(key, hash, value);
                    return 0;
                }

                slot = (slot + 1) & mask;
            }
        }

        private void Rehash(int newSize, bool everyCharacter)
        {
            var old = pages;
            size = newSize;
            pages = NewPages(newSize);
            shift = 64 - BitOperations.Log2((uint)newSize);
            this.everyCharacter = everyCharacter;
            count = 0;
            totalDistance = 0;
            foreach (var page in old)
            {
                foreach (var entry in page)
                {
                    if (entry.Key is { } key)
                    {
                        Insert(key, everyCharacter ? Hash(key, true) : entry.Hash, entry.Value);
                    }
                }
            }
        }
    }

    // Copy on write, a page at a time: a page is cloned the first time a change writes to it, so the new map shares
    // every page it did not touch with the old one (both immutable from then on).
    private readonly struct PageWriter(Entry[][] original)
    {
        public Entry[][] Pages { get; } = (Entry[][])original.Clone();

        public ref Entry Write(int slot)
        {
            var page = slot >> PageShift;
            if (ReferenceEquals(Pages[page], original[page]))
            {
                Pages[page] = (Entry[])original[page].Clone();
            }

            return ref Pages[page][slot & PageMask];
        }
    }

    private readonly struct Entry(string key, ulong hash, TValue value)
    {
        public readonly string? Key = key;
        public readonly ulong Hash = hash;
        public readonly TValue Value = value;
    }
}
