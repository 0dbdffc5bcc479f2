package io.stowage.core;

import org.agrona.collections.IntArrayList;

import java.util.ArrayList;
import java.util.List;

import static io.stowage.core.AgentTableDescriptor.*;

/**
 * Verifies the kernel's accounting from first principles: the oracle of every randomized test and of the
 * simulator. It walks everything, so it is for tests and periodic checks, not for the hot path.
 * <ul>
 *     <li>per agent and dimension, non-revocable allocated ≤ capacity and revocable allocated ≤ its bound, unless
 *     the agent is flagged overcommitted (its capacity shrank below what already ran on it);</li>
 *     <li>the ledger's tasks summed per agent equal the agent's allocated and revocable vectors and task count;</li>
 *     <li>every running task is on exactly one registered agent's list, and on no other;</li>
 *     <li>the ledger summed per framework equals the framework's allocation and running count;</li>
 *     <li>the placement index holds each agent's free capacity, or nothing for an ineligible agent, its bucket
 *     matches its utilisation, positions are sorted by bucket, and every tree node is the maximum of its
 *     children;</li>
 *     <li>counts of registered and eligible agents and of running tasks agree with the records;</li>
 *     <li>each role's allocation equals the sum of its frameworks' and stays within its limit (unless the limit was
 *     lowered below what already ran), and the cluster totals equal the sums over agents;</li>
 *     <li>every pending task sits in exactly its framework's queue, and queued entries are pending tasks;</li>
 *     <li>every registered agent is a member of exactly the attribute set its record holds, once, and no other agent
 *     is a member of any set (attributes replaced at runtime move an agent between sets);</li>
 *     <li>every constraint view and spread tally equals one rebuilt from scratch from the records and the ledger
 *     ({@code ConstraintViewInvariants}).</li>
 * </ul>
 */
public final class InvariantChecker
{
    private static final int MAX_REPORTED = 20;

    private InvariantChecker()
    {
    }

    /**
     * @param kernel the kernel to check.
     * @return descriptions of the violations found (at most 20), empty when every invariant holds.
     */
    public static List<String> check(final AllocatorKernel kernel)
    {
        final List<String> violations = new ArrayList<>();
        final AgentTable agents = kernel.agentTable();
        final TaskLedger ledger = kernel.ledger();
        final PlacementIndex index = kernel.placementIndex();
        final FrameworkBook frameworks = kernel.frameworkBook();
        final int dims = kernel.schema().dimensions();
        final int maxAgents = agents.maxAgents();

        final long[] frameworkSums = new long[frameworks.count() * dims * 2];
        final int[] frameworkRunning = new int[frameworks.count()];
        final boolean[] seen = new boolean[ledger.slotCapacity()];
        int registered = 0;
        int eligible = 0;
        int tasksOnAgents = 0;

        for (int slot = 0; slot < maxAgents; slot++)
        {
            final int flags = agents.flags(slot);
            if ((flags & FLAG_REGISTERED) == 0)
            {
                if (ledger.firstOnAgent(slot) != TaskLedger.NONE)
                {
                    report(violations, "free slot " + slot + " has tasks on it");
                }
                checkExcluded(violations, index, slot, dims);
                continue;
            }
            registered++;
            final boolean isEligible = (flags & (FLAG_DRAINING | FLAG_PRESSURED | FLAG_OVERCOMMITTED |
                FLAG_UNREACHABLE)) == 0;
            if (isEligible)
            {
                eligible++;
            }
            final String agent = "agent " + kernel.view().agentId(slot) + " (slot " + slot + ")";
            final long[] allocated = new long[dims];
            final long[] revocable = new long[dims];
            int count = 0;
            for (int task = ledger.firstOnAgent(slot); task != TaskLedger.NONE; task = ledger.nextOnAgent(task))
            {
                if (task >= seen.length || !ledger.isRunning(task))
                {
                    report(violations, agent + " lists task slot " + task + " that is not running");
                    break;
                }
                if (seen[task])
                {
                    report(violations, "task " + ledger.taskId(task) + " is listed on two agents");
                }
                seen[task] = true;
                if (ledger.agent(task) != slot)
                {
                    report(violations, "task " + ledger.taskId(task) + " is listed on " + agent +
                        " but records agent slot " + ledger.agent(task));
                }
                final boolean rev = ledger.isRevocable(task);
                final int fw = ledger.framework(task);
                for (int d = 0; d < dims; d++)
                {
                    final long q = ledger.resource(task, d);
                    (rev ? revocable : allocated)[d] += q;
                    frameworkSums[(fw * dims + d) * 2 + (rev ? 1 : 0)] += q;
                }
                frameworkRunning[fw]++;
                count++;
                if (count > ledger.runningCount())
                {
                    report(violations, agent + " has a cycle in its task list");
                    break;
                }
            }
            tasksOnAgents += count;
            if (count != agents.taskCount(slot))
            {
                report(violations, agent + " counts " + agents.taskCount(slot) + " tasks, its ledger " + count);
            }
            final boolean overcommitted = (flags & FLAG_OVERCOMMITTED) != 0;
            boolean exceeds = false;
            for (int d = 0; d < dims; d++)
            {
                final String dim = kernel.schema().name(d);
                final long capacity = agents.get(slot, CAPACITY, d);
                final long alloc = agents.get(slot, ALLOCATED, d);
                final long rev = agents.get(slot, REVOCABLE, d);
                if (alloc != allocated[d])
                {
                    report(violations, agent + " " + dim + " allocated " + alloc + " but its tasks hold " +
                        allocated[d]);
                }
                if (rev != revocable[d])
                {
                    report(violations, agent + " " + dim + " revocable " + rev + " but its tasks hold " +
                        revocable[d]);
                }
                if (alloc < 0 || rev < 0)
                {
                    report(violations, agent + " " + dim + " has a negative allocation");
                }
                final boolean over = alloc > capacity || rev > kernel.revocableBound(capacity);
                exceeds |= over;
                if (over && !overcommitted)
                {
                    report(violations, agent + " " + dim + " allocated " + alloc + " (revocable " + rev +
                        ") exceeds capacity " + capacity + " and the agent is not overcommitted");
                }
            }
            if (overcommitted && !exceeds)
            {
                report(violations, agent + " is flagged overcommitted but everything fits");
            }
            checkIndexLeaf(violations, kernel, index, slot, isEligible, agent, dims);
        }

        if (registered != agents.registeredCount())
        {
            report(violations, "table counts " + agents.registeredCount() + " agents, records show " + registered);
        }
        if (eligible != kernel.view().eligibleAgentCount())
        {
            report(violations, "kernel counts " + kernel.view().eligibleAgentCount() +
                " eligible agents, records show " +
                eligible);
        }
        if (tasksOnAgents != ledger.runningCount())
        {
            report(violations, "ledger holds " + ledger.runningCount() + " running tasks, agents list " +
                tasksOnAgents);
        }
        for (int task = 0; task < ledger.slotCapacity(); task++)
        {
            if (ledger.isRunning(task) && !seen[task])
            {
                report(violations, "task " + ledger.taskId(task) + " is on no registered agent's list");
            }
        }
        for (int fw = 0; fw < frameworks.count(); fw++)
        {
            if (frameworks.running(fw) != frameworkRunning[fw])
            {
                report(violations, "framework " + frameworks.name(fw) + " counts " + frameworks.running(fw) +
                    " running, its ledger " + frameworkRunning[fw]);
            }
            for (int d = 0; d < dims; d++)
            {
                if (frameworks.allocated(fw, d) != frameworkSums[(fw * dims + d) * 2] ||
                    frameworks.revocable(fw, d) != frameworkSums[(fw * dims + d) * 2 + 1])
                {
                    report(violations, "framework " + frameworks.name(fw) + " " + kernel.schema().name(d) +
                        " allocation differs from the sum of its tasks");
                }
            }
        }
        checkIndexOrder(violations, index, maxAgents);
        ConstraintViewInvariants.check(kernel, violations);
        checkRolesAndTotals(violations, kernel, dims);
        checkPending(violations, kernel);
        checkAttributeMembers(violations, kernel);
        return violations;
    }

    private static void checkAttributeMembers(final List<String> violations, final AllocatorKernel kernel)
    {
        final AgentTable agents = kernel.agentTable();
        final AttributeInterner attributes = kernel.attributeInterner();
        int members = 0;
        for (int set = 0; set < attributes.setCount(); set++)
        {
            final IntArrayList list = attributes.members(set);
            for (int i = 0; i < list.size(); i++)
            {
                final int slot = list.getInt(i);
                if (!agents.isRegistered(slot) || agents.attributeSet(slot) != set ||
                    attributes.memberPosition(slot) != i)
                {
                    report(violations, "attribute set " + attributes.toMap(set) + " lists slot " + slot +
                        " at " + i + ", which is not a registered agent holding that set at that position");
                }
            }
            members += list.size();
        }
        if (members != agents.registeredCount())
        {
            report(violations, "attribute sets list " + members + " members, the table " + agents.registeredCount() +
                " registered agents");
        }
    }

    private static void checkRolesAndTotals(final List<String> violations, final AllocatorKernel kernel, final int dims)
    {
        final RoleBook roles = kernel.roleBook();
        final FrameworkBook frameworks = kernel.frameworkBook();
        final AgentTable agents = kernel.agentTable();
        final long[] roleSums = new long[roles.count() * dims];
        for (int fw = 0; fw < frameworks.count(); fw++)
        {
            for (int d = 0; d < dims; d++)
            {
                roleSums[frameworks.role(fw) * dims + d] += frameworks.allocated(fw, d);
            }
        }
        for (int r = 0; r < roles.count(); r++)
        {
            for (int d = 0; d < dims; d++)
            {
                final long allocated = roles.allocated(r, d);
                if (allocated != roleSums[r * dims + d])
                {
                    report(violations, "role " + roles.name(r) + " " + kernel.schema().name(d) + " allocated " +
                        allocated + " but its frameworks hold " + roleSums[r * dims + d]);
                }
                final long limit = roles.limit(r, d);
                if (limit != RoleBook.NO_LIMIT && allocated > limit && !roles.isOverLimitAllowed(r))
                {
                    report(violations, "role " + roles.name(r) + " " + kernel.schema().name(d) + " allocated " +
                        allocated + " exceeds its limit " + limit);
                }
            }
        }
        final long[] capacity = new long[dims];
        final long[] allocated = new long[dims];
        for (int slot = 0; slot < agents.maxAgents(); slot++)
        {
            if (agents.isRegistered(slot))
            {
                for (int d = 0; d < dims; d++)
                {
                    capacity[d] += agents.get(slot, CAPACITY, d);
                    allocated[d] += agents.get(slot, ALLOCATED, d);
                }
            }
        }
        for (int d = 0; d < dims; d++)
        {
            if (capacity[d] != kernel.view().clusterCapacity(d) || allocated[d] != kernel.view().clusterAllocated(d))
            {
                report(violations, "cluster totals in " + kernel.schema().name(d) + " (" +
                    kernel.view().clusterCapacity(d) +
                    " capacity, " + kernel.view().clusterAllocated(d) + " allocated) differ from the agents' sums (" +
                    capacity[d] + ", " + allocated[d] + ")");
            }
        }
    }

    private static void checkPending(final List<String> violations, final AllocatorKernel kernel)
    {
        final TaskLedger ledger = kernel.ledger();
        final FrameworkBook frameworks = kernel.frameworkBook();
        final boolean[] queued = new boolean[ledger.slotCapacity()];
        int queuedCount = 0;
        for (int fw = 0; fw < frameworks.count(); fw++)
        {
            final PendingQueue queue = frameworks.queue(fw);
            for (final int task : queue.slots())
            {
                if (!ledger.isPending(task) || ledger.framework(task) != fw || queued[task])
                {
                    report(violations, "framework " + frameworks.name(fw) + " queues task slot " + task +
                        " that is not one of its pending tasks, or twice");
                    continue;
                }
                queued[task] = true;
                queuedCount++;
            }
        }
        for (int task = 0; task < ledger.slotCapacity(); task++)
        {
            if (ledger.isPending(task) && !queued[task])
            {
                report(violations, "pending task " + ledger.taskId(task) + " is in no queue");
            }
        }
        int keyed = 0;
        for (int task = 0; task < ledger.slotCapacity(); task++)
        {
            if (ledger.isLive(task) && ledger.key(task) != TaskRequest.NO_KEY)
            {
                keyed++;
                if (ledger.taskIdOfKey(ledger.key(task)) != ledger.taskId(task))
                {
                    report(violations, "task " + ledger.taskId(task) + " holds key " + ledger.key(task) +
                        " but the key names task " + ledger.taskIdOfKey(ledger.key(task)));
                }
            }
        }
        if (keyed != ledger.keyedCount())
        {
            report(violations, keyed + " live tasks hold keys but the key map has " + ledger.keyedCount());
        }
        if (queuedCount + ledger.runningCount() != ledger.liveCount())
        {
            report(violations, "ledger holds " + ledger.liveCount() + " tasks but " + queuedCount + " are queued and " +
                ledger.runningCount() + " running");
        }
    }

    private static void checkIndexLeaf(
        final List<String> violations,
        final AllocatorKernel kernel,
        final PlacementIndex index,
        final int slot,
        final boolean isEligible,
        final String agent,
        final int dims)
    {
        final AgentTable agents = kernel.agentTable();
        if (index.bucketOf(slot) != agents.utilisationBucket(slot))
        {
            report(violations, agent + " is indexed in bucket " + index.bucketOf(slot) + " but its utilisation is " +
                "in bucket " + agents.utilisationBucket(slot));
        }
        if (!isEligible)
        {
            checkExcluded(violations, index, slot, dims);
            return;
        }
        final int position = index.positionOf(slot);
        final long[] freeVector = new long[dims];
        for (int d = 0; d < dims; d++)
        {
            freeVector[d] = agents.get(slot, CAPACITY, d) - agents.get(slot, ALLOCATED, d);
        }
        if (index.freeTree().leafJoint(position) != index.freeTree().jointOf(freeVector))
        {
            report(violations, agent + " is indexed with joint bound " + index.freeTree().leafJoint(position) +
                " but its free capacity gives " + index.freeTree().jointOf(freeVector));
        }
        for (int d = 0; d < dims; d++)
        {
            final long capacity = agents.get(slot, CAPACITY, d);
            final long free = capacity - agents.get(slot, ALLOCATED, d);
            if (index.freeTree().leaf(position, d) != free)
            {
                report(violations, agent + " is indexed with free " + index.freeTree().leaf(position, d) +
                    " in dimension " + d + " but has " + free);
            }
            final FreeCapacityTree revocable = index.revocableTree();
            if (revocable != null)
            {
                final long headroom = kernel.revocableHeadroom(slot, d);
                if (revocable.leaf(position, d) != headroom)
                {
                    report(violations, agent + " is indexed with revocable headroom " +
                        revocable.leaf(position, d) + " in dimension " + d + " but has " + headroom);
                }
            }
        }
    }

    private static void checkExcluded(
        final List<String> violations, final PlacementIndex index, final int slot, final int dims)
    {
        final int position = index.positionOf(slot);
        for (int d = 0; d < dims; d++)
        {
            if (index.freeTree().leaf(position, d) != FreeCapacityTree.NEVER ||
                (index.revocableTree() != null && index.revocableTree().leaf(position, d) != FreeCapacityTree.NEVER))
            {
                report(violations, "slot " + slot + " is not eligible but the index offers it");
                return;
            }
        }
    }

    private static void checkIndexOrder(final List<String> violations, final PlacementIndex index, final int maxAgents)
    {
        int previousBucket = 0;
        for (int position = 0; position < maxAgents; position++)
        {
            final int slot = index.slotAt(position);
            if (index.positionOf(slot) != position)
            {
                report(violations, "index position " + position + " holds slot " + slot + " whose position is " +
                    index.positionOf(slot));
            }
            final int bucket = index.bucketOf(slot);
            if (bucket < previousBucket)
            {
                report(violations, "index position " + position + " is in bucket " + bucket + " after bucket " +
                    previousBucket);
            }
            if (position < index.bucketStart(bucket) || position >= index.bucketStart(bucket + 1))
            {
                report(violations, "index position " + position + " lies outside the range of its bucket " + bucket);
            }
            previousBucket = bucket;
        }
        String broken = index.freeTree().checkConsistency();
        if (broken == null && index.revocableTree() != null)
        {
            broken = index.revocableTree().checkConsistency();
        }
        if (broken != null)
        {
            report(violations, broken);
        }
    }

    static void report(final List<String> violations, final String violation)
    {
        if (violations.size() < MAX_REPORTED)
        {
            violations.add(violation);
        }
    }
}
