# Checks the hard set: JSON shape, dates, owners among attendees, every evidence string verbatim
# inside one transcript unit (cue / paragraph / line), and each gold scored against itself.
# Usage: python3 eval/hard/check.py
import json, os, re, sys, glob, datetime, subprocess
HERE=os.path.dirname(os.path.abspath(__file__))
root=HERE
def units(path):
    t=open(path,encoding='utf8').read()
    ext=path.rsplit('.',1)[1]
    us=[]
    if path.endswith('.vtt') or path.endswith('.srt'):
        for block in re.split(r'\n\s*\n', t):
            lines=block.strip().split('\n')
            tl=[l for l in lines if '-->' not in l and not re.fullmatch(r'\d+|WEBVTT|[0-9a-f-]+/\d+-\d+', l)]
            if not tl: continue
            x=' '.join(tl)
            m=re.match(r'<v ([^>]+)>(.*)</v>$', x)
            if m: us.append(m.group(2))
            else: us.append(x.split(': ',1)[1] if ': ' in x else x)
    elif re.search(r'^\S.*  \d+:\d\d$', t, re.M):
        blocks=re.split(r'\n\s*\n', t)
        for b in blocks:
            ls=b.strip().split('\n')
            if len(ls)>=2 and re.search(r'  \d+:\d\d$', ls[0]): us.append(' '.join(ls[1:]))
    else:
        for l in t.splitlines():
            if ': ' in l: us.append(l.split(': ',1)[1])
    return [u for u in us if u.strip()]
ok=True
for d in sorted(glob.glob(root+'/*/')):
    meta=json.load(open(d+'meta.json')); gold=json.load(open(d+'gold.json'))
    tr=[f for f in os.listdir(d) if f.startswith('transcript.')]
    assert len(tr)==1, tr
    us=units(d+tr[0])
    assert meta['id']==os.path.basename(d.rstrip('/'))==gold['meeting']['id'], d
    assert meta['date']==gold['meeting']['date']; datetime.date.fromisoformat(meta['date'])
    assert meta['template']==gold['meeting']['template'] and meta['template'] in ('engineering-leadership-sync','product-engineering-sync','team-sync')
    for k in ('title','style','attendees'): assert gold['meeting'].get(k), k
    for it in gold['items']:
        assert it['kind'] in ('decision','action','risk','question','escalation'), it
        assert it.get('evidence'), it['text']
        for k in ('due',):
            if k in it: datetime.date.fromisoformat(it[k])
        for k,v in it.items():
            assert v is not None, it
        if it['kind']=='decision': assert it['status'] in ('decided','pending')
        if it['kind']=='question': assert it['status']=='open'
        if 'rag' in it: assert it['rag'] in ('red','yellow','green')
        for k in ('likelihood','impact'):
            if k in it: assert it[k] in ('low','medium','high')
        if 'owner' in it:
            assert any(a.split()[0]==it['owner'] for a in gold['meeting']['attendees']), (it['owner'], d)
        for ev in it['evidence']:
            if not any(ev in u for u in us):
                ok=False; print('MISSING', os.path.basename(d.rstrip('/')), '::', ev)
    r=subprocess.run(['node',os.path.join(HERE,'..','score.mjs'),d+'gold.json',d+'gold.json'],capture_output=True,text=True).stdout.strip().splitlines()
    from collections import Counter
    c=Counter((i['kind'], i.get('status')) for i in gold['items'])
    print(os.path.basename(d.rstrip('/')), meta['date'], datetime.date.fromisoformat(meta['date']).strftime('%a'), tr[0], len(us), 'units', dict(Counter(i['kind'] for i in gold['items'])), 'pending', c[('decision','pending')], 'M', len(gold.get('metrics',[])), '|', r[-1], r[-2] if 'metrics' in r[-2] else '')
print('OK' if ok else 'FAIL')
