"""PyTorch reference for issue 5: d2l's LeNet recipe (train_ch6) on the Debian Fashion-MNIST files, several seeds.

A measuring tool, not a dependency: run it from the venv of the fixtures (see docs/developers.md):

    .venv-ref/bin/python src/test/resources/reference/torch_lenet.py --model d2l --seeds 0 1 2 3 4 > out.json

Recipe as d2l 7.6 (PyTorch edition, train_ch6): pixels / 255, no normalisation; Xavier-uniform weights for Conv2d
and Linear, PyTorch's default biases; SGD without momentum, CrossEntropyLoss (mean), batch 256 with the last
partial batch kept (DataLoader shuffle=True, drop_last=False); test accuracy after every epoch; float32, 2 threads.
"""
import argparse, gzip, json, sys, time

import numpy as np
import torch
from torch import nn

DIR = "/usr/share/datasets/fashion-mnist"


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(split):
    x = idx(f"{DIR}/{split}-images-idx3-ubyte.gz").astype(np.float32) / 255.0
    y = idx(f"{DIR}/{split}-labels-idx1-ubyte.gz").astype(np.int64)
    return torch.from_numpy(x).unsqueeze(1), torch.from_numpy(y)


def lenet(model):
    act = nn.Sigmoid if model == "d2l" else nn.ReLU
    pool = (lambda: nn.AvgPool2d(2, 2)) if model == "d2l" else (lambda: nn.MaxPool2d(2, 2))
    return nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), act(), pool(), nn.Conv2d(6, 16, 5), act(), pool(),
                         nn.Flatten(), nn.Linear(400, 120), act(), nn.Linear(120, 84), act(), nn.Linear(84, 10))


def accuracy(net, x, y):
    net.eval()
    with torch.no_grad():
        correct = sum((net(x[i:i + 1000]).argmax(1) == y[i:i + 1000]).sum().item() for i in range(0, len(y), 1000))
    return correct / len(y)


def run(model, seed, epochs, lr, batch):
    torch.manual_seed(seed)
    net = lenet(model)
    for m in net:
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            nn.init.xavier_uniform_(m.weight)
    xtr, ytr = load("train")
    xte, yte = load("t10k")
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(xtr, ytr), batch_size=batch, shuffle=True)
    opt = torch.optim.SGD(net.parameters(), lr=lr)
    loss = nn.CrossEntropyLoss()
    accs, secs = [], []
    for _ in range(epochs):
        net.train()
        t0 = time.time()
        for x, y in loader:
            opt.zero_grad()
            loss(net(x), y).backward()
            opt.step()
        secs.append(time.time() - t0)
        accs.append(accuracy(net, xte, yte))
        print(f"{model} seed {seed} epoch {len(accs)} test acc {accs[-1]:.4f} {secs[-1]:.1f} s", file=sys.stderr)
    return {"model": model, "seed": seed, "lr": lr, "batch": batch, "test_acc": accs, "seconds": secs}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="d2l", choices=["d2l", "modern"])
    p.add_argument("--seeds", type=int, nargs="+", default=[0])
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    lr = 0.9 if a.model == "d2l" else 0.1
    runs = [run(a.model, s, a.epochs, lr, a.batch) for s in a.seeds]
    json.dump({"torch": torch.__version__, "threads": a.threads, "runs": runs}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
