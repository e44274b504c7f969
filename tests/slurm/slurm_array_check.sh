#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The Slurm example end to end on a one-node cluster this test starts itself (Debian's
# slurm-wlm and munge: munged, slurmctld and slurmd on this machine, with their key, sockets,
# ports and state in the scratch folder): a 2-task array runs examples/slurm/analyze-library.sbatch
# over the test library into one SQLite store per shard, merge-shards.sbatch gathers them
# when the array has finished, and the result equals one unsharded run.
# Usage: slurm_array_check.sh TIMBRE SOURCE_DIR FIXTURES SCRATCH
set -euo pipefail
timbre=$1 source=$2 fixtures=$3 scratch=$4
source "$(dirname "${BASH_SOURCE[0]}")/../support/store_text.sh"
for program in munged slurmctld slurmd sbatch squeue runuser; do
  if ! command -v "$program" > /dev/null; then
    echo "no $program here: Slurm (Debian's slurm-wlm and munge) is needed for this test"
    [[ ${CI:-} == true ]] && exit 1
    exit 77
  fi
done
fail() { echo "FAILED: $*"; tail -5 "$scratch"/*.log 2> /dev/null; exit 1; }
rm -rf "$scratch" && mkdir -p "$scratch/state" "$scratch/spool" "$scratch/out" "$scratch/munge"
chmod 755 "$scratch"  # munged wants its socket's folders searchable by all

# munge: a key of its own, its socket in a folder of its own.
munge=$scratch/munge
head -c 1024 /dev/urandom > "$munge/key"
chown -R munge "$munge" && chmod 400 "$munge/key"
runuser -u munge -- munged --key-file="$munge/key" --socket="$munge/socket" --pid-file="$munge/pid" \
  --log-file="$munge/log" --seed-file="$munge/seed" || fail "munged did not start: $(cat "$munge/log")"

host=$(hostname -s)
port=$((20000 + RANDOM % 20000))
cat > "$scratch/slurm.conf" << CONF
ClusterName=timbretest
SlurmctldHost=$host
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$munge/socket
CredType=cred/munge
StateSaveLocation=$scratch/state
SlurmdSpoolDir=$scratch/spool
SlurmctldPidFile=$scratch/slurmctld.pid
SlurmdPidFile=$scratch/slurmd.pid
SlurmctldLogFile=$scratch/slurmctld.log
SlurmdLogFile=$scratch/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
NodeName=$host CPUs=$(nproc) RealMemory=$(free -m | awk '/^Mem:/ {print $2}') State=UNKNOWN
PartitionName=main Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$scratch/slurm.conf
stop_cluster() {
  for daemon in slurmd slurmctld; do
    [[ -f $scratch/$daemon.pid ]] && kill "$(cat "$scratch/$daemon.pid")" 2> /dev/null || true
  done
  runuser -u munge -- munged --stop --socket="$munge/socket" > /dev/null 2>&1 || true
}
trap stop_cluster EXIT
slurmctld -i || fail "slurmctld did not start"
slurmd || fail "slurmd did not start"
for _ in $(seq 60); do
  sinfo -h -o %t 2> /dev/null | grep -q idle && break
  sleep 0.5
done
sinfo -h -o %t | grep -q idle || fail "the node never became idle: $(sinfo 2>&1)"
echo "ok: a one-node Slurm cluster on $host"

examples=$source/examples/slurm
array=$(sbatch --parsable --array=1-2 --cpus-per-task=1 --mem-per-cpu=500M --output="$scratch/out/analyze-%a.log" \
        --export=ALL,TIMBRE="$timbre" "$examples/analyze-library.sbatch" \
        "$source/configs/features.yaml" "$fixtures/library" "$scratch/shards")
sbatch --parsable --dependency=afterok:"$array" --output="$scratch/out/merge.log" --export=ALL,TIMBRE="$timbre" \
  "$examples/merge-shards.sbatch" "$scratch/shards" "$scratch/library.db" > /dev/null
for _ in $(seq 240); do
  [[ -z $(squeue -h 2> /dev/null) ]] && break
  sleep 0.5
done
[[ -z $(squeue -h) ]] || fail "jobs still queued after 2 minutes: $(squeue)"
[[ -f $scratch/shards/shard-1.db && -f $scratch/shards/shard-2.db ]] || fail "the array wrote no shard stores: $(cat "$scratch"/out/*)"
[[ -f $scratch/library.db ]] || fail "the merge job did not run: $(cat "$scratch"/out/*)"
echo "ok: the array analysed 2 shards and the dependent job merged them"

"$timbre" analyze "$source/configs/features.yaml" "$fixtures/library" --db "$scratch/reference.db" > /dev/null 2>&1 || true
diff <(store_text "$scratch/reference.db") <(store_text "$scratch/library.db") > "$scratch/diff" ||
  fail "the merged shards differ from one run: $(head -20 "$scratch/diff")"
echo "ok: the merged store equals one unsharded run"
