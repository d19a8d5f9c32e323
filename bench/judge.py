"""Judge an expectation file through the real krant binary: index every text, search every query.

    python3 bench/judge.py BINARY FILE.tsv
"""
import subprocess, sys, os, tempfile, json
binary, path = sys.argv[1], sys.argv[2]
cases=[]
for n,line in enumerate(open(path,encoding='utf-8'),1):
    if line.startswith('#') or not line.strip(): continue
    f=line.rstrip('\n').split('\t')
    if len(f)!=3: continue
    cases.append((n,)+tuple(f))
d=tempfile.mkdtemp()
corpus=os.path.join(d,'corpus'); os.makedirs(corpus)
paths={}
for n,kind,q,t in cases:
    if kind in ('match','nomatch') and t not in paths:
        p=f"t{len(paths):03}.txt"; paths[t]=p
        open(os.path.join(corpus,p),'w').write(f" date 2017-01 {t}\n")
idx=os.path.join(d,'idx')
subprocess.run([binary,'index',corpus,'--index',idx,'-q'],check=True)
fails=0; total=0
for n,kind,q,t in cases:
    if kind not in ('match','nomatch'): continue
    total+=1
    r=subprocess.run([binary,'search',q,'--index',idx,'--format','paths','--limit','1000'],capture_output=True,text=True)
    found=paths[t] in [os.path.basename(x) for x in r.stdout.split()]
    if found!=(kind=='match'):
        fails+=1; print(f"{path}:{n}: {kind} {q!r} {t!r}")
print(f"{total-fails} of {total} hold ({100*(total-fails)/total:.1f}%)")
