#!/usr/bin/env python3
"""Prints which top-level module of src/ uses which (from `crate::…` paths outside comments
and tests), and the groups of modules that use each other in a circle, if any.

    python3 tools/module_graph.py [src]
"""
import os,re,sys,collections
root=sys.argv[1] if len(sys.argv)>1 else 'src'
mods={}
for dp,dn,fn in os.walk(root):
    for f in fn:
        if not f.endswith('.rs'): continue
        p=os.path.join(dp,f); rel=os.path.relpath(p,root)
        top=rel.split(os.sep)[0].replace('.rs','')
        if top in('main','lib'): continue
        txt="\n".join(l for l in open(p).read().split("\n") if not l.strip().startswith("//"))
        # strip tests
        i=txt.find('#[cfg(test)]')
        if i>=0: txt=txt[:i]
        uses=set(re.findall(r'crate::([a-z_]+)',txt))
        # use crate::{a, b}
        for grp in re.findall(r'crate::\{([^}]*)\}',txt):
            for name in re.findall(r'(?:^|,)\s*([a-z_]+)',grp): uses.add(name)
        uses.discard(top)
        mods.setdefault(top,set()).update(u for u in uses)
known=set(mods)
g={m:sorted(u for u in us if u in known) for m,us in mods.items()}
for m in sorted(g): print(f"{m} -> {', '.join(g[m])}")
# cycles
def cycles():
    res=[]
    for a in g:
        for b in g[a]:
            if a in g.get(b,[]) and a<b: res.append((a,b))
    return res
# SCC
index={};low={};st=[];on=set();out=[];c=[0]
def sc(v):
    index[v]=low[v]=c[0];c[0]+=1;st.append(v);on.add(v)
    for w in g[v]:
        if w not in index: sc(w); low[v]=min(low[v],low[w])
        elif w in on: low[v]=min(low[v],index[w])
    if low[v]==index[v]:
        comp=[]
        while True:
            w=st.pop();on.discard(w);comp.append(w)
            if w==v: break
        if len(comp)>1: out.append(comp)
for v in g:
    if v not in index: sc(v)
print("cycles (strongly connected groups):", out or "none")
