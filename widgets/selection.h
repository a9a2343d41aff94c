#pragma once
// What the user has picked to look at: the view in front and, within the views, a sentence,
// token, layer, head, PCA component pair, the attention grid's layer filter and whether one
// head is enlarged. It belongs to the session (saved in session files, set by lessons); the
// views draw what it says and ask the session to change it (View::selectionRequested).
#include "head_surgery.h"

#include <string>

namespace orderlens::widgets {

struct Selection {
    std::string view = "attention";  // a View::key() of the view in front
    int sentence = 0;        // 0 = A, 1 = B: whose token (Vectors) and whose maps (Decomposition)
    int token = -1;          // token index in that sentence; -1: the view's default
    int layer = 0;           // layer of the head (Attention's enlarged head)
    int head = 0;            // head index (Attention's enlarged head, Decomposition's head of layer 0)
    int pcaFirst = -1;       // the PCA view's two components, 0-based, pcaFirst < pcaSecond;
    int pcaSecond = -1;      // -1, -1: the pair the snapshot picks from the data (Snapshot::pcaDefaultFirst)
    int gridLayer = -1;      // the attention grid's layer filter: -1 every layer
    bool singleHead = false; // Attention: one head enlarged (layer, head) instead of the grid
    int dimension = 0;       // Positional encoding: the first of the dimensions drawn as curves, 0-based
    // Attention: the aligned difference's colour scale, ± this much attention; 0: fitted to the
    // pair shown. A fixed scale lets slides of several models be compared by eye.
    double differenceScale = 0;
    // Attention: merge the pieces of each word (word_groups.h; 老 鼠 → 老鼠) in every map.
    bool mergeWords = false;
    // Head surgery: the heads switched off and how (head_surgery.h); every view, role and
    // next-token prediction is of the model with them off. Empty: the intact model.
    HeadSurgery surgery;

    bool operator==(const Selection&) const = default;
};

}  // namespace orderlens::widgets
