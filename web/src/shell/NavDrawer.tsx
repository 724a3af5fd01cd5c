// The menu's drawer on narrow screens (the hamburger in the header). Loaded by AppLayout
// only on a narrow screen, so a desktop's first download carries no antd Drawer.
import { Drawer } from 'antd';
import { Brand } from './AppLayout.tsx';

export default function NavDrawer({ open, onClose, children }: { open: boolean; onClose: () => void; children: React.ReactNode }) {
  return (
    <Drawer open={open} onClose={onClose} placement="left" size={240} title={<Brand />} styles={{ body: { padding: 0 } }}>
      {children}
    </Drawer>
  );
}
